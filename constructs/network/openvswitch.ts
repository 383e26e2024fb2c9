// How Open vSwitch runs on the cloud's hosts (the same on every host of one cloud).
export interface OpenvswitchOptions {
  /** `netdev` for the userspace datapath, where the kernel has no OVS module (default system). */
  readonly datapathType?: "system" | "netdev";
  /** ovsdb connection os-vif and the agent use, e.g. tcp:127.0.0.1:6640. */
  readonly ovsdbConnection?: string;
}
