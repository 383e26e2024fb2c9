// Facts shared by several libvirt modules, named once.

import { NetworkingSupport, VolumeSupport } from "../driver";

export const LIBVIRT_NETWORKING: NetworkingSupport = {
  types: ["local", "flat", "vlan", "vxlan", "gre", "geneve"],
  typesNeedingNsx: [],
  securityGroups: "native",
};

export const LIBVIRT_VM_VOLUMES: VolumeSupport = {
  protocols: ["iscsi", "rbd", "nfs", "fibre_channel", "smb"],
};

export const NO_VOLUMES_CONTAINER: VolumeSupport = {
  protocols: [],
  note: "nova's support matrix marks attach-volume missing for this container driver",
};

export const TIMELINE_SOURCE = "nova support matrix driver_timeline (data/nova-support-matrix.json)";
