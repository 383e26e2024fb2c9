/**
 * Real test hosts for a vitest file, from scripts/testhosts/fleet.
 *
 *   import { useFleet } from "../support/fleet";
 *   const fleet = useFleet({ group: "prov", hosts: 3, kind: "nspawn" }); // beforeAll up, afterAll down
 *   test("...", () => { const [host] = fleet().hosts; host.address; host.host_key; host.bmc; });
 *
 * - `group` names this file's hosts (`<group>-01` ..); use one group per test file so files can run
 *   in parallel. `kind`: "light" (network + mount namespaces with their own sshd: fast, for many
 *   hosts) or "nspawn" (a booted Debian with systemd: slow the first time, ~1-2 min to build the
 *   rootfs, then seconds).
 * - `bringUpFleet(options)` / `fleet.down()` do the same without vitest hooks.
 * - Every host: SSH as `ssh_user` with key `ssh_private_key`, pin `host_key` (also in
 *   `inventory.known_hosts`); BMC over IPMI 2.0: `ipmitool -I lanplus -C 3 -H bmc.address -p bmc.port
 *   -U bmc.username -f bmc.password_file chassis power on|off|status|cycle`; apt goes through
 *   `inventory.apt_proxy` (hosts have no default route).
 * - `sshRun(host, command)` runs a command over ssh with the pinned key and resolves with its exit code.
 * - POLYVISOR_FLEET_KEEP=1 leaves the hosts running after the file (for debugging).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";

const run = promisify(execFile);

export type FleetHostKind = "light" | "nspawn";

export interface FleetBmc {
  readonly type: "ipmi";
  readonly address: string;
  readonly port: number;
  readonly username: string;
  /** A 0600 file holding only the password. */
  readonly password_file: string;
}

export interface FleetHost {
  readonly name: string;
  readonly group: string;
  readonly kind: FleetHostKind;
  readonly address: string;
  readonly ssh_user: string;
  readonly ssh_port: number;
  readonly ssh_private_key: string;
  /** The pinned host public key: "ssh-ed25519 AAAA...". */
  readonly host_key: string;
  readonly bmc: FleetBmc;
  /** The host's network namespace (`ip netns exec <netns> ...`). */
  readonly netns: string;
  /** PID of the process that is the powered-on host; null when off. */
  readonly pid: number | null;
  readonly power: "on" | "off";
  /** Last boot device set through the BMC ("default" until then). */
  readonly bootdev: string;
}

export interface FleetInventory {
  readonly version: 1;
  readonly bridge: { readonly name: string; readonly address: string; readonly cidr: string };
  readonly apt_proxy: string;
  readonly ssh_private_key: string;
  readonly known_hosts: string;
  readonly hosts: readonly FleetHost[];
}

export interface FleetOptions {
  readonly group: string;
  readonly hosts: number;
  readonly kind?: FleetHostKind;
  /** Extra environment for the fleet command, e.g. POLYVISOR_FLEET_ID for a separate fleet. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface Fleet {
  /** This group's hosts as of the last up/refresh. */
  readonly hosts: readonly FleetHost[];
  readonly inventory: FleetInventory;
  /** Re-read the inventory (live power state and PIDs). */
  refresh(): Promise<Fleet>;
  /** Remove this group's hosts. */
  down(): Promise<void>;
}

export const FLEET_COMMAND = resolve(__dirname, "../../scripts/testhosts/fleet");

/** Run `fleet ARGS...`; rejects with the command's stderr (which names host and step). */
export async function runFleet(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string> {
  try {
    const { stdout } = await run("bash", [FLEET_COMMAND, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`fleet ${args.join(" ")} failed: ${failed.stderr?.trim() || failed.message}`);
  }
}

export async function readInventory(env: Readonly<Record<string, string>> = {}): Promise<FleetInventory> {
  return JSON.parse(await runFleet(["status", "--json"], env)) as FleetInventory;
}

/** The inventory file as last written (no live refresh, no process started). */
export function readInventoryFile(fleetDir = join(resolve(__dirname, "../.."), ".polyvisor", "fleet")): FleetInventory {
  return JSON.parse(readFileSync(join(fleetDir, "inventory.json"), "utf8")) as FleetInventory;
}

export async function bringUpFleet(options: FleetOptions): Promise<Fleet> {
  const env = options.env ?? {};
  await runFleet(["up", "--hosts", String(options.hosts), "--kind", options.kind ?? "light", "--name", options.group], env);
  const snapshot = async (): Promise<Fleet> => {
    const inventory = await readInventory(env);
    const hosts = inventory.hosts.filter((host) => host.group === options.group).slice(0, options.hosts);
    return {
      hosts,
      inventory,
      refresh: snapshot,
      down: async () => {
        await runFleet(["down", "--name", options.group], env);
      },
    };
  };
  return snapshot();
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run COMMAND on HOST with the system ssh client, pinning the host key (only `knownHostsFile`,
 * default the fleet's known_hosts, is trusted). Resolves with the exit code instead of rejecting.
 */
export async function sshRun(
  host: FleetHost,
  command: string,
  options: { readonly knownHostsFile?: string; readonly timeoutMs?: number } = {},
): Promise<CommandResult> {
  const knownHosts = options.knownHostsFile ?? join(resolve(host.ssh_private_key, ".."), "known_hosts");
  const args = [
    "-F", "/dev/null", "-n", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5",
    "-o", "StrictHostKeyChecking=yes", "-o", `UserKnownHostsFile=${knownHosts}`,
    "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
    "-i", host.ssh_private_key, "-p", String(host.ssh_port), `${host.ssh_user}@${host.address}`, command,
  ];
  try {
    const { stdout, stderr } = await run("ssh", args, { timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** beforeAll brings the group up, afterAll takes it down; call the returned function inside tests. */
export function useFleet(options: FleetOptions): () => Fleet {
  let fleet: Fleet | undefined;
  const upTimeoutMs = (options.kind ?? "light") === "nspawn" ? 15 * 60_000 : 3 * 60_000;
  beforeAll(async () => {
    fleet = await bringUpFleet(options);
  }, upTimeoutMs);
  afterAll(async () => {
    if (fleet && process.env.POLYVISOR_FLEET_KEEP !== "1") await fleet.down();
  }, 2 * 60_000);
  return () => {
    if (!fleet) throw new Error(`fleet group ${options.group} is not up (its beforeAll failed; see above)`);
    return fleet;
  };
}
