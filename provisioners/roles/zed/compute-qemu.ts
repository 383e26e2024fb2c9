// A libvirt QEMU compute node. TCG only: /dev/kvm on these machines is a PVM variant that hangs
// stock guests, so virt_type is qemu and the CPU model is left to QEMU. Configured for live
// migration over libvirt's TCP socket (private test network, no auth) with block migration, and
// SSH between the nodes' nova users for resize and cold migration.

import type { RoleRecipe } from "../recipe";
import { computeRecipe } from "./private/compute-base";
import { MY_ADDRESS } from "./private/common";
import { LIBVIRT_TCP_STEP, libvirtdConf, libvirtServices, NOVA_MIGRATION_KEY_STEP, qemuConf } from "./private/libvirt";

export const COMPUTE_QEMU_RECIPE: RoleRecipe = computeRecipe({
  role: "compute-qemu",
  summary: "nova-compute with libvirt QEMU (TCG), OVS agent, live migration over TCP",
  // nova-compute-kvm pulls only qemu-system-x86; nova-compute-qemu pulls every QEMU architecture.
  hypervisorPackages: ["nova-compute-kvm"],
  novaCompute: {
    DEFAULT: { compute_driver: "libvirt.LibvirtDriver" },
    libvirt: {
      virt_type: "qemu",
      cpu_mode: "none",
      wait_soft_reboot_seconds: "10",
      live_migration_scheme: "tcp",
      live_migration_inbound_addr: MY_ADDRESS,
      live_migration_permit_auto_converge: "true",
    },
  },
  extraParams: ["libvirt_host_uuid"],
  extraSecrets: ["nova_migration"],
  extraFiles: { "/etc/libvirt/libvirtd.conf": libvirtdConf(), "/etc/libvirt/qemu.conf": qemuConf() },
  extraSteps: [LIBVIRT_TCP_STEP, NOVA_MIGRATION_KEY_STEP],
  hypervisorServices: libvirtServices("qemu:///system", true, ["/etc/libvirt/libvirtd.conf", "/etc/libvirt/qemu.conf"]),
  disabledUnits: ["libvirt-guests"],
});
