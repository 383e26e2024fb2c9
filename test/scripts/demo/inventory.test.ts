import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { Inventory } from "../../../constructs";
import type { FleetHostRecord, FleetInventoryFile } from "../../../scripts/demo/fleet";
import { ALL_IN_ONE_HOSTS, hostsByPurpose, writeInventory } from "../../../scripts/demo/inventory";

const host = (i: number): FleetHostRecord => ({
  name: `aio-0${i}`, group: "aio", address: `10.213.5.${i + 1}`, ssh_user: "root", ssh_port: 22,
  ssh_private_key: "/keys/id_ed25519", host_key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${i}`,
  bmc: { type: "ipmi", address: `127.0.26.${i + 1}`, port: 623, username: "admin", password_file: `/bmc/${i}/password` }, power: "off",
});
const fleet = (n: number): FleetInventoryFile => ({ version: 1, apt_proxy: "http://10.213.5.1:3142", known_hosts: "/k", hosts: Array.from({ length: n }, (_, i) => host(i + 1)) });

describe("the fleet's inventory in the constructs' inventory format", () => {
  test("given five fleet hosts, when written, then the constructs read them with pinned keys, BMC password files and the apt proxy", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pv-inv-")), "inventory.yaml");
    writeInventory(file, fleet(5), fleet(5).hosts);
    const inventory = Inventory.fromFile(file);
    expect(inventory.hosts.map((h) => [h.name, h.role])).toEqual([["aio-01", "controller"], ["aio-02", "compute"], ["aio-03", "compute"], ["aio-04", "compute"], ["aio-05", "compute"]]);
    expect(fs.readFileSync(file, "utf8")).not.toMatch(/password:/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    const text = fs.readFileSync(file, "utf8");
    expect(text).toContain("password_file: /bmc/1/password");
    expect(text).toContain("apt_proxy: http://10.213.5.1:3142");
  });

  test("given fewer hosts than the example needs, when written, then it refuses naming the parts", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pv-inv-")), "inventory.yaml");
    expect(() => writeInventory(file, fleet(3), fleet(3).hosts)).toThrow(/needs 5 hosts \(controller, qemu-1, qemu-2, lxc, fake\)/);
  });

  test("given the hosts, when mapped by purpose, then they follow the example's order", () => {
    const by = hostsByPurpose(fleet(5).hosts);
    expect(ALL_IN_ONE_HOSTS.map((s) => by[s.purpose].name)).toEqual(["aio-01", "aio-02", "aio-03", "aio-04", "aio-05"]);
  });
});
