// The all-in-one's test hosts: a separate fleet of scripts/testhosts (its own bridge, range and
// state directory, so other users of the shared fleet are not disturbed), five systemd-nspawn
// Debian hosts with IPMI BMCs, powered OFF once created: the deploy powers them on through their BMCs.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../examples/find-file";

const run = promisify(execFile);

/** The demo's own fleet id (pvbr<id>, 10.213.<id>.0/24, .polyvisor/fleet-<id>). */
export const DEMO_FLEET_ID = process.env.POLYVISOR_DEMO_FLEET_ID ?? "5";
export const DEMO_GROUP = "aio";

export interface FleetHostRecord {
  readonly name: string;
  readonly group: string;
  readonly address: string;
  readonly ssh_user: string;
  readonly ssh_port: number;
  readonly ssh_private_key: string;
  readonly host_key: string;
  readonly bmc: { readonly type: "ipmi"; readonly address: string; readonly port: number; readonly username: string; readonly password_file: string };
  readonly power: "on" | "off";
}

export interface FleetInventoryFile {
  readonly version: 1;
  readonly apt_proxy: string;
  readonly known_hosts: string;
  readonly hosts: readonly FleetHostRecord[];
}

export function fleetDir(): string {
  return path.join(projectRoot(), ".polyvisor", `fleet-${DEMO_FLEET_ID}`);
}

export async function fleet(args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): Promise<string> {
  try {
    const { stdout } = await run("bash", [path.join(projectRoot(), "scripts/testhosts/fleet"), ...args], {
      env: { ...process.env, POLYVISOR_FLEET_ID: DEMO_FLEET_ID, ...extraEnv },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 20 * 60_000,
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`fleet ${args.join(" ")} failed: ${e.stderr?.trim() || e.message}`);
  }
}

export function readFleetInventory(): FleetInventoryFile {
  return JSON.parse(readFileSync(path.join(fleetDir(), "inventory.json"), "utf8")) as FleetInventoryFile;
}

export async function fleetHosts(): Promise<FleetHostRecord[]> {
  const inv = JSON.parse(await fleet(["status", "--json"])) as FleetInventoryFile;
  return inv.hosts.filter((h) => h.group === DEMO_GROUP);
}

/** Powers every host of the group off through its BMC and waits until each reports off. */
export async function powerOffAll(names: readonly string[]): Promise<void> {
  for (const name of names) await fleet(["ipmi", name, "chassis", "power", "off"]);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const on = (await fleetHosts()).filter((h) => names.includes(h.name) && h.power === "on");
    if (on.length === 0) return;
    if (Date.now() > deadline) throw new Error(`hosts still powered on 120 s after power off: ${on.map((h) => h.name).join(", ")}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command on a host over ssh, the host key pinned to the fleet's known_hosts. */
export async function ssh(host: FleetHostRecord, command: string, timeoutMs = 120_000): Promise<CommandResult> {
  const knownHosts = path.join(fleetDir(), "known_hosts");
  const args = [
    "-F", "/dev/null", "-n", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "StrictHostKeyChecking=yes",
    "-o", `UserKnownHostsFile=${knownHosts}`, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
    "-i", host.ssh_private_key, "-p", String(host.ssh_port), `${host.ssh_user}@${host.address}`, command,
  ];
  try {
    const { stdout, stderr } = await run("ssh", args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}
