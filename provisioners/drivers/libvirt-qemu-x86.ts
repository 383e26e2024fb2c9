// Libvirt QEMU on x86 (software emulation, TCG): `[libvirt] virt_type = qemu`. The driver the
// end-to-end tests run for real on this machine (KVM is not usable here).

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, LIBVIRT_VM_VOLUMES, TIMELINE_SOURCE } from "./private/libvirt-common";

export const libvirtQemuX86 = libvirtDriver({
  id: "libvirt-qemu-x86",
  title: "Libvirt QEMU (x86)",
  matrixId: "libvirt-qemu-x86",
  virtType: "qemu",
  hypervisorType: "qemu",
  imageHypervisorType: "qemu",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["x86_64", "i686"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: LIBVIRT_COMPUTE_DRIVER, source: TIMELINE_SOURCE }],
  diskFormats: ["raw", "qcow2", "iso", "aki", "ari", "ami"],
  containerFormats: ["bare", "aki", "ari", "ami"],
  networking: LIBVIRT_NETWORKING,
  volumes: LIBVIRT_VM_VOLUMES,
  meteringInspector: "libvirt",
  liveMigration: true,
  novaComputePackage: "nova-compute-qemu",
  hypervisorPackages: [
    { name: "qemu-system-x86", via: "apt" },
    { name: "libvirt-daemon-driver-qemu", via: "apt" },
  ],
});
