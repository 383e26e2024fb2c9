// nova's fake driver: `compute_driver = fake.FakeDriver` (or a sized variant). Instances live in
// nova-compute's memory only (lost on restart) and snapshots never upload. Runs anywhere; used for
// scale tests and the all-in-one example. No section of its own.

import { defineDriver } from "./private/define-driver";
import { collect, oneOf } from "./private/option-checks";

export type FakeVariant = "FakeDriver" | "SmallFakeDriver" | "MediumFakeDriver";

export interface FakeOptions {
  /** Which fake: FakeDriver reports 1000 vCPU / 800000 MB / 600000 GB, the others less. */
  readonly variant?: FakeVariant;
}

const SUPPORT_SOURCE =
  "not in nova's support matrix; from nova/virt/fake.py: every lifecycle, migration and volume method is implemented in " +
  "memory (supports_evacuate True); snapshots never upload an image (measured on this machine), hence partial.";

export const fake = defineDriver<FakeOptions>({
  id: "fake",
  title: "Fake (nova test driver)",
  matrixId: null,
  hypervisorType: "fake",
  imageHypervisorType: "fake",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["x86_64"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: "fake.FakeDriver", source: "nova/virt/fake.py (in every release)" }],
  // The fake never reads the image; nova reports only COMPUTE_IMAGE_TYPE_RAW for it (vhd explicitly
  // false), which only matters when the scheduler queries placement for image type support.
  diskFormats: ["raw", "qcow2", "iso", "vmdk", "vdi", "vhdx", "aki", "ari", "ami"],
  containerFormats: ["bare", "ovf", "ova", "aki", "ari", "ami"],
  networking: { types: ["local", "flat", "vlan", "vxlan", "gre", "geneve"], typesNeedingNsx: [], securityGroups: "native" },
  volumes: { protocols: ["iscsi", "rbd", "nfs"], note: "attachments are recorded in memory only" },
  meteringInspector: null,
  meteringNote: "no hypervisor: nothing to inspect",
  services: ["nova-compute"],
  ownedSections: [],
  basePackages: () => [{ name: "nova-compute", via: "apt" }],
  explicitCapabilities: [
    {
      span: { from: "liberty" },
      source: SUPPORT_SOURCE,
      support: {
        "operation.launch": "complete",
        "operation.reboot": "complete",
        "operation.terminate": "complete",
        "operation.pause": "complete",
        "operation.unpause": "complete",
        "operation.suspend": "complete",
        "operation.resume": "complete",
        "operation.snapshot": "partial",
        "operation.rescue": "complete",
        "operation.resize": "complete",
        "operation.live-migrate": "complete",
        "operation.evacuate": "complete",
        "operation.attach-volume": "complete",
        "operation.detach-volume": "complete",
        "operation.swap-volume": "complete",
        "operation.set-admin-password": "complete",
        "operation.maintenance-mode": "complete",
        "console.serial.log": "complete",
        "storage.block": "complete",
      },
    },
  ],
  sections: (o, _release, computeDriver) => ({
    DEFAULT: { compute_driver: o.variant ? `fake.${o.variant}` : computeDriver },
  }),
  validate: (o) => collect(oneOf("variant", o.variant, ["FakeDriver", "SmallFakeDriver", "MediumFakeDriver"])),
});
