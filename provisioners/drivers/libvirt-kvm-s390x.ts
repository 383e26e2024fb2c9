// Libvirt KVM on IBM Z (s390x hosts, e.g. a Linux LPAR): `[libvirt] virt_type = kvm`.

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, LIBVIRT_VM_VOLUMES, TIMELINE_SOURCE } from "./private/libvirt-common";

export const libvirtKvmS390x = libvirtDriver({
  id: "libvirt-kvm-s390x",
  title: "Libvirt KVM (s390x)",
  matrixId: "libvirt-kvm-s390x",
  virtType: "kvm",
  hypervisorType: "kvm",
  imageHypervisorType: "kvm",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["s390x"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: LIBVIRT_COMPUTE_DRIVER, source: TIMELINE_SOURCE }],
  diskFormats: ["raw", "qcow2"],
  containerFormats: ["bare"],
  networking: LIBVIRT_NETWORKING,
  volumes: LIBVIRT_VM_VOLUMES,
  meteringInspector: "libvirt",
  liveMigration: true,
  novaComputePackage: "nova-compute-kvm",
  hypervisorPackages: [
    { name: "qemu-system-misc", via: "apt", note: "Debian 12 ships the s390x system emulator in qemu-system-misc" },
    { name: "libvirt-daemon-driver-qemu", via: "apt" },
  ],
});
