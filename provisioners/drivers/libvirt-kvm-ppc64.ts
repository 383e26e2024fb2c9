// Libvirt KVM on POWER (ppc64/ppc64le hosts): `[libvirt] virt_type = kvm`.

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, LIBVIRT_VM_VOLUMES, TIMELINE_SOURCE } from "./private/libvirt-common";

export const libvirtKvmPpc64 = libvirtDriver({
  id: "libvirt-kvm-ppc64",
  title: "Libvirt KVM (ppc64)",
  matrixId: "libvirt-kvm-ppc64",
  virtType: "kvm",
  hypervisorType: "kvm",
  imageHypervisorType: "kvm",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["ppc64", "ppc64le"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: LIBVIRT_COMPUTE_DRIVER, source: TIMELINE_SOURCE }],
  diskFormats: ["raw", "qcow2", "iso"],
  containerFormats: ["bare"],
  networking: LIBVIRT_NETWORKING,
  volumes: LIBVIRT_VM_VOLUMES,
  meteringInspector: "libvirt",
  liveMigration: true,
  novaComputePackage: "nova-compute-kvm",
  hypervisorPackages: [
    { name: "qemu-system-ppc", via: "apt" },
    { name: "libvirt-daemon-driver-qemu", via: "apt" },
  ],
});
