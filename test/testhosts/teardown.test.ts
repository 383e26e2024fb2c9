// `fleet down` removes everything the fleet made: namespaces, links, the bridge, processes, mounts,
// state. It runs on a separate fleet (POLYVISOR_FLEET_ID=7, bridge pvbr7) so the shared fleet stays up.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { bringUpFleet, type Fleet } from "../support/fleet";

const run = promisify(execFile);
const env = { POLYVISOR_FLEET_ID: "7" };

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

async function lines(command: string, ...args: string[]): Promise<string[]> {
  return (await run(command, args)).stdout.split("\n");
}

describe("given a separate fleet with light and nspawn hosts", () => {
  test("when it is taken down, then no namespace, link, bridge, process, mount or state is left", async () => {
    const light = await bringUpFleet({ group: "gone", hosts: 2, kind: "light", env });
    const nspawn: Fleet = await bringUpFleet({ group: "gonens", hosts: 1, kind: "nspawn", env });
    const hosts = [...light.hosts, ...nspawn.hosts];
    const fleetDir = nspawn.inventory.ssh_private_key.replace(/\/id_ed25519$/, "");
    const bmcPids = hosts.map((host) => Number(readFileSync(`${fleetDir}/hosts/${host.name}/bmc/pid`, "utf8")));
    const proxyPid = Number(readFileSync(`${fleetDir}/proxy/pid`, "utf8"));
    const hostPids = hosts.map((host) => host.pid!);
    expect(hostPids.every((pid) => commandLineOf(pid) !== "")).toBe(true);
    expect(await lines("ip", "netns", "list")).toEqual(expect.arrayContaining(hosts.map((host) => expect.stringContaining(host.netns))));

    await light.down();
    await nspawn.down();

    const namespaces = (await lines("ip", "netns", "list")).join("\n");
    const links = (await lines("ip", "-br", "link")).join("\n");
    const mounts = readFileSync("/proc/self/mounts", "utf8");
    for (const host of hosts) expect(namespaces).not.toContain(host.netns);
    expect(links).not.toMatch(/^pvbr7\b|^pvf7-/m);
    expect(mounts).not.toContain(fleetDir);
    for (const pid of [...hostPids, ...bmcPids, proxyPid]) expect(commandLineOf(pid)).toBe("");
    expect(existsSync(fleetDir)).toBe(false);
  }, 15 * 60_000);
});
