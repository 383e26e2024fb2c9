// Libvirt KVM on 64-bit ARM: `[libvirt] virt_type = kvm`, UEFI firmware required for guests.
// nova's support matrix has a row for it from Rocky on; polyvisor offers it from there.

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, LIBVIRT_VM_VOLUMES, TIMELINE_SOURCE } from "./private/libvirt-common";

export const libvirtKvmAarch64 = libvirtDriver({
  id: "libvirt-kvm-aarch64",
  title: "Libvirt KVM (aarch64)",
  matrixId: "libvirt-kvm-aarch64",
  virtType: "kvm",
  hypervisorType: "kvm",
  imageHypervisorType: "kvm",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["aarch64"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "rocky", tree: "in-tree", computeDriver: LIBVIRT_COMPUTE_DRIVER, source: TIMELINE_SOURCE }],
  diskFormats: ["raw", "qcow2", "iso"],
  containerFormats: ["bare"],
  networking: LIBVIRT_NETWORKING,
  volumes: LIBVIRT_VM_VOLUMES,
  meteringInspector: "libvirt",
  liveMigration: true,
  novaComputePackage: "nova-compute-kvm",
  hypervisorPackages: [
    { name: "qemu-system-arm", via: "apt" },
    { name: "qemu-efi-aarch64", via: "apt", note: "AAVMF UEFI firmware: aarch64 guests boot through UEFI" },
    { name: "libvirt-daemon-driver-qemu", via: "apt" },
  ],
});
