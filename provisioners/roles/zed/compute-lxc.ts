// A libvirt LXC compute node. Guests are containers whose root filesystem is a raw image that
// nova loop-mounts (no qcow2: that would need the nbd module). Inside a systemd-nspawn test host
// this needs /dev/fuse and loop devices bound into the host (host-level, see NOTES.md), libvirtd
// in its own mount namespace, and machined hidden from libvirt.

import type { RoleRecipe } from "../recipe";
import { computeRecipe } from "./private/compute-base";
import {
  HIDE_MACHINED_STEP,
  libvirtdConf,
  libvirtdLxcUnit,
  libvirtServices,
  SYSTEMD_RELOAD_STEP,
} from "./private/libvirt";

export const COMPUTE_LXC_RECIPE: RoleRecipe = computeRecipe({
  role: "compute-lxc",
  summary: "nova-compute with libvirt LXC, OVS agent",
  hypervisorPackages: ["nova-compute-lxc", "libvirt-daemon-driver-lxc"],
  novaCompute: {
    DEFAULT: { compute_driver: "libvirt.LibvirtDriver", use_cow_images: "false" },
    libvirt: { virt_type: "lxc", images_type: "raw" },
  },
  extraParams: ["libvirt_host_uuid"],
  extraFiles: {
    "/etc/libvirt/libvirtd.conf": libvirtdConf(),
    "/etc/systemd/system/libvirtd.service": libvirtdLxcUnit(),
  },
  extraSteps: [SYSTEMD_RELOAD_STEP, HIDE_MACHINED_STEP],
  hypervisorServices: libvirtServices("lxc:///system", false, ["/etc/libvirt/libvirtd.conf", "/etc/systemd/system/libvirtd.service"]),
  disabledUnits: ["libvirt-guests"],
  // libvirt_lxc needs FUSE (for /proc/meminfo); nova loop-mounts each guest's raw root image.
  // losetup takes the first free loop device of the machine's kernel, which other users of the
  // machine may hold: bind eight so one of them is free.
  hostDevices: ["/dev/fuse", "/dev/loop-control", ...[0, 1, 2, 3, 4, 5, 6, 7].map((n) => `/dev/loop${n}`)],
});
