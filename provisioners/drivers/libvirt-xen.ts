// Xen through libvirt: `[libvirt] virt_type = xen`, nova-compute in dom0. nova dropped it in
// Wallaby (commit 3a390c2c82), so Victoria is the last release; its last matrix row is Victoria's.

import { libvirtDriver, LIBVIRT_COMPUTE_DRIVER } from "./private/libvirt";
import { LIBVIRT_NETWORKING, TIMELINE_SOURCE } from "./private/libvirt-common";

export const libvirtXen = libvirtDriver({
  id: "libvirt-xen",
  title: "Libvirt Xen",
  matrixId: "libvirt-xen",
  virtType: "xen",
  hypervisorType: "xen",
  imageHypervisorType: "xen",
  requiredImageProperties: [],
  vmModes: ["hvm", "xen"],
  architectures: ["x86_64", "i686"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [{ from: "liberty", to: "victoria", tree: "in-tree", computeDriver: LIBVIRT_COMPUTE_DRIVER, source: TIMELINE_SOURCE }],
  diskFormats: ["raw", "qcow2", "iso", "aki", "ari", "ami"],
  containerFormats: ["bare", "aki", "ari", "ami"],
  networking: LIBVIRT_NETWORKING,
  volumes: { protocols: ["iscsi", "rbd", "nfs"] },
  meteringInspector: "libvirt",
  liveMigration: true,
  hypervisorPackages: [
    { name: "xen-system-amd64", via: "apt", note: "boots the host into Xen; nova-compute runs in dom0" },
    { name: "libvirt-daemon-driver-xen", via: "apt" },
  ],
});
