// The fleet's inventory.json in the constructs' inventory format
// (constructs/inventory/inventory.schema.json): pinned host keys, the fleet's SSH key, each BMC with
// its password file (never the password), the fleet's apt proxy. The all-in-one example takes the
// controller first, then its compute hosts in order: QEMU, QEMU, LXC, fake.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import type { FleetHostRecord, FleetInventoryFile } from "./fleet";
import type { RoleName } from "../../provisioners/roles";

/** The example's hosts in the order it uses them. */
export const ALL_IN_ONE_HOSTS = [
  { purpose: "controller", role: "controller" },
  { purpose: "qemu-1", role: "compute" },
  { purpose: "qemu-2", role: "compute" },
  { purpose: "lxc", role: "compute" },
  { purpose: "fake", role: "compute" },
] as const;

export type HostPurpose = (typeof ALL_IN_ONE_HOSTS)[number]["purpose"];

/** The proven role recipe (provisioners/roles/zed) each part of the example runs. */
export const ROLE_OF: Readonly<Record<HostPurpose, RoleName>> = {
  controller: "controller", "qemu-1": "compute-qemu", "qemu-2": "compute-qemu", lxc: "compute-lxc", fake: "compute-fake",
};

export function inventoryFromFleet(fleet: FleetInventoryFile, hosts: readonly FleetHostRecord[]) {
  if (hosts.length < ALL_IN_ONE_HOSTS.length) {
    throw new Error(`the all-in-one needs ${ALL_IN_ONE_HOSTS.length} hosts (controller, qemu-1, qemu-2, lxc, fake); the fleet group has ${hosts.length}`);
  }
  return {
    version: 1,
    hosts: ALL_IN_ONE_HOSTS.map((slot, i) => {
      const h = hosts[i];
      return {
        name: h.name,
        address: h.address,
        role: slot.role,
        ssh: { user: h.ssh_user, port: h.ssh_port, host_key: h.host_key, private_key_path: h.ssh_private_key },
        bmc: { type: h.bmc.type, address: h.bmc.address, port: h.bmc.port, username: h.bmc.username, password_file: h.bmc.password_file },
        apt_proxy: fleet.apt_proxy,
      };
    }),
  };
}

/** Which fleet host plays which part. */
export function hostsByPurpose(hosts: readonly FleetHostRecord[]): Record<HostPurpose, FleetHostRecord> {
  return Object.fromEntries(ALL_IN_ONE_HOSTS.map((slot, i) => [slot.purpose, hosts[i]])) as Record<HostPurpose, FleetHostRecord>;
}

export function writeInventory(file: string, fleet: FleetInventoryFile, hosts: readonly FleetHostRecord[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `# Written by scripts/demo from the fleet's inventory.json; do not edit.\n${stringify(inventoryFromFleet(fleet, hosts))}`, { mode: 0o640 });
  chmodSync(file, 0o640);
}
