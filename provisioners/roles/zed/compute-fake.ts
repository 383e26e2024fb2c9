// A compute node running nova's fake driver: instances exist only in nova-compute's memory (lost
// on restart), nothing boots. It is the honest stand-in for scheduling and API behaviour.
// nova-compute needs *some* hypervisor package; nova-compute-ironic is the lightest that
// satisfies it (no QEMU, no libvirt daemon).

import type { RoleRecipe } from "../recipe";
import { computeRecipe } from "./private/compute-base";

export const COMPUTE_FAKE_RECIPE: RoleRecipe = computeRecipe({
  role: "compute-fake",
  summary: "nova-compute with the in-memory fake driver, OVS agent so ports still bind",
  hypervisorPackages: ["nova-compute-ironic"],
  novaCompute: { DEFAULT: { compute_driver: "fake.FakeDriver" } },
});
