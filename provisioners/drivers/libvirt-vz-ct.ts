// Virtuozzo system containers through libvirt: `[libvirt] virt_type = parallels` with ploop images
// and `force_raw_images = False` (nova's Virtuozzo admin guide). Guests are `exe` instances.

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, NO_VOLUMES_CONTAINER, TIMELINE_SOURCE } from "./private/libvirt-common";
import { VIRTUOZZO_METERING_NOTE } from "./libvirt-vz-vm";

export const libvirtVzCt = libvirtDriver({
  id: "libvirt-vz-ct",
  title: "Libvirt Virtuozzo CT",
  matrixId: "libvirt-vz-ct",
  virtType: "parallels",
  hypervisorType: "vz",
  imageHypervisorType: "vz",
  requiredImageProperties: [],
  vmModes: ["exe"],
  architectures: ["x86_64"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: LIBVIRT_COMPUTE_DRIVER, source: TIMELINE_SOURCE }],
  diskFormats: ["ploop"],
  containerFormats: ["bare"],
  networking: LIBVIRT_NETWORKING,
  volumes: NO_VOLUMES_CONTAINER,
  meteringInspector: null,
  meteringNote: VIRTUOZZO_METERING_NOTE,
  liveMigration: true,
  fixedDefault: { force_raw_images: false },
  fixedLibvirt: { images_type: "ploop", connection_uri: "parallels:///system", inject_partition: -2 },
  hypervisorPackages: [
    { name: "libvirt-daemon-driver-vz", via: "vendor", note: "Virtuozzo's own OS and repositories provide libvirt's vz driver and prlctl" },
  ],
});
