// Libvirt LXC: system containers through libvirt, `[libvirt] virt_type = lxc`. Guests are `exe`
// (container) instances; no volumes, no live migration, no rescue, no resize (nova's matrix).

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, NO_VOLUMES_CONTAINER, TIMELINE_SOURCE } from "./private/libvirt-common";

export const libvirtLxc = libvirtDriver({
  id: "libvirt-lxc",
  title: "Libvirt LXC",
  matrixId: "libvirt-lxc",
  virtType: "lxc",
  hypervisorType: "lxc",
  imageHypervisorType: "lxc",
  requiredImageProperties: [],
  vmModes: ["exe"],
  architectures: ["x86_64"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: LIBVIRT_COMPUTE_DRIVER, source: TIMELINE_SOURCE }],
  diskFormats: ["raw", "qcow2"],
  containerFormats: ["bare"],
  networking: LIBVIRT_NETWORKING,
  volumes: NO_VOLUMES_CONTAINER,
  meteringInspector: "libvirt",
  liveMigration: false,
  novaComputePackage: "nova-compute-lxc",
  hypervisorPackages: [{ name: "libvirt-daemon-driver-lxc", via: "apt" }],
});
