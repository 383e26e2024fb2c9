// Virtuozzo virtual machines through libvirt: `[libvirt] virt_type = parallels`, qcow2 ephemeral
// images (nova's Virtuozzo admin guide). nova-compute runs on the Virtuozzo host.

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, TIMELINE_SOURCE } from "./private/libvirt-common";

export const VIRTUOZZO_METERING_NOTE =
  "Ceilometer's libvirt inspector accepts libvirt_type kvm, lxc, qemu, uml and xen only: no inspector for Virtuozzo";

export const libvirtVzVm = libvirtDriver({
  id: "libvirt-vz-vm",
  title: "Libvirt Virtuozzo VM",
  matrixId: "libvirt-vz-vm",
  virtType: "parallels",
  hypervisorType: "vz",
  imageHypervisorType: "vz",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["x86_64"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: LIBVIRT_COMPUTE_DRIVER, source: TIMELINE_SOURCE }],
  diskFormats: ["raw", "qcow2", "iso", "ploop"],
  containerFormats: ["bare"],
  networking: LIBVIRT_NETWORKING,
  volumes: { protocols: ["iscsi", "nfs"] },
  meteringInspector: null,
  meteringNote: VIRTUOZZO_METERING_NOTE,
  liveMigration: true,
  fixedLibvirt: { images_type: "qcow2", connection_uri: "parallels:///system" },
  hypervisorPackages: [
    { name: "libvirt-daemon-driver-vz", via: "vendor", note: "Virtuozzo's own OS and repositories provide libvirt's vz driver and prlctl" },
  ],
});
