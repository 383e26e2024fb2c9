// Libvirt KVM on x86: nova-compute on the host, `[libvirt] virt_type = kvm`.

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, LIBVIRT_VM_VOLUMES, TIMELINE_SOURCE } from "./private/libvirt-common";

export const libvirtKvmX86 = libvirtDriver({
  id: "libvirt-kvm-x86",
  title: "Libvirt KVM (x86)",
  matrixId: "libvirt-kvm-x86",
  virtType: "kvm",
  hypervisorType: "kvm",
  imageHypervisorType: "kvm",
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
  novaComputePackage: "nova-compute-kvm",
  hypervisorPackages: [
    { name: "qemu-system-x86", via: "apt" },
    { name: "libvirt-daemon-driver-qemu", via: "apt" },
  ],
});
