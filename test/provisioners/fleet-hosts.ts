// The test fleet's hosts (test/support/fleet.ts) as polyvisor HostDefinitions. Each test file uses
// its own group so files never share hosts, and takes its group down afterwards.

import type { HostDefinition } from "../../provisioners/ssh/host";
import { FleetHost, FleetHostKind, bringUpFleet, readInventoryFile, runFleet } from "../support/fleet";

export type { FleetHost };

export function toHostDefinition(h: FleetHost): HostDefinition {
  return {
    name: h.name, address: h.address, sshUser: h.ssh_user, sshPort: h.ssh_port, sshPrivateKeyPath: h.ssh_private_key, sshHostKey: h.host_key,
    bmc: { type: h.bmc.type, address: h.bmc.address, port: h.bmc.port, username: h.bmc.username, passwordFile: h.bmc.password_file, timeoutSeconds: 6 },
  };
}

/** Brings up `count` hosts of a kind in a group (idempotent) and returns them. */
export async function fleetUp(group: string, count: number, kind: FleetHostKind = "light"): Promise<readonly FleetHost[]> {
  return (await bringUpFleet({ group, hosts: count, kind })).hosts;
}

export async function fleetDown(group: string): Promise<void> {
  if (process.env.POLYVISOR_FLEET_KEEP !== "1") await runFleet(["down", "--name", group]);
}

/** The apt proxy the fleet's hosts use. */
export function fleetAptProxy(): string {
  return readInventoryFile().apt_proxy;
}
