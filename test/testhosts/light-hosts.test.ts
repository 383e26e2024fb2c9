// Lightweight test hosts: reachable only over SSH with their pinned keys, isolated from each other.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { sshRun, useFleet } from "../support/fleet";

const run = promisify(execFile);
const HOSTS = 3;
const fleet = useFleet({ group: "tlight", hosts: HOSTS, kind: "light" });

describe("given three lightweight hosts", () => {
  test.each([0, 1, 2])("when host %i is reached over ssh with its pinned key, then it answers with its own name", async (i) => {
    const host = fleet().hosts[i];
    const result = await sshRun(host, "hostname");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(host.name);
  });

  test("when a different key is pinned for a host, then ssh refuses to log in", async () => {
    const [first, second] = fleet().hosts;
    const wrongPin = join(mkdtempSync(join(tmpdir(), "pv-fleet-test-")), "known_hosts");
    writeFileSync(wrongPin, `${first.address} ${second.host_key}\n`);
    const result = await sshRun(first, "true", { knownHostsFile: wrongPin });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/host key|HOST IDENTIFICATION/i);
  });

  test("when the same path is written on every host, then each host keeps its own file and the machine none", async () => {
    const hosts = fleet().hosts;
    const machineHadFile = existsSync("/etc/polyvisor/fleet-isolation.conf");
    await Promise.all(hosts.map((host) => sshRun(host, `mkdir -p /etc/polyvisor && echo "written on ${host.name}" > /etc/polyvisor/fleet-isolation.conf`)));
    const contents = await Promise.all(hosts.map((host) => sshRun(host, "cat /etc/polyvisor/fleet-isolation.conf")));
    expect(contents.map((result) => result.stdout.trim())).toEqual(hosts.map((host) => `written on ${host.name}`));
    expect(existsSync("/etc/polyvisor/fleet-isolation.conf")).toBe(machineHadFile);
  });

  test("when a host lists its routes, then it has no default route", async () => {
    const result = await sshRun(fleet().hosts[0], "ip route show default; ip -6 route show default");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe("");
  });

  test("when a host lists its processes, then it sees only its own", async () => {
    const result = await sshRun(fleet().hosts[0], "ps -e -o comm=");
    const commands = result.stdout.trim().split("\n");
    expect(commands).not.toContain("ipmi_sim");
    expect(commands.length).toBeLessThan(15);
  });

  test("when the inventory lists the group, then every host has its own address, pinned key and BMC", () => {
    const hosts = fleet().hosts;
    expect(hosts).toHaveLength(HOSTS);
    expect(new Set(hosts.map((host) => host.address)).size).toBe(HOSTS);
    expect(new Set(hosts.map((host) => host.host_key)).size).toBe(HOSTS);
    expect(new Set(hosts.map((host) => `${host.bmc.address}:${host.bmc.port}`)).size).toBe(HOSTS);
    for (const host of hosts) {
      expect(host.address).toMatch(/^10\.213\.0\.\d+$/);
      expect(host.host_key).toMatch(/^ssh-ed25519 \S+$/);
      expect(host.power).toBe("on");
    }
  });
});

describe("given the fleet's apt proxy", () => {
  test("when asked for a file outside this machine's apt mirrors, then it refuses", async () => {
    const proxy = fleet().inventory.apt_proxy;
    const { stdout } = await run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-x", proxy, "http://not-a-mirror.invalid/debian/dists/bookworm/Release"]);
    expect(stdout).toBe("403");
  });

  test("when asked to tunnel (CONNECT) to a host that is not a mirror, then it refuses", async () => {
    const proxy = fleet().inventory.apt_proxy;
    const result = await run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_connect}", "-x", proxy, "https://not-a-mirror.invalid/"]).catch((error) => error);
    expect(result.stdout).toBe("403");
  });

  test("when reached on loopback instead of the bridge address, then nothing listens", async () => {
    const port = new URL(fleet().inventory.apt_proxy).port;
    const result = await run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", `http://127.0.0.1:${port}/`]).catch((error) => error);
    expect(result.stdout).toBe("000");
  });

  test("when the proxy configuration is read, then it allows only the mirrors of this machine's apt sources", () => {
    const sources = readdirSync("/etc/apt/sources.list.d")
      .filter((file) => file.endsWith(".sources"))
      .map((file) => readFileSync(join("/etc/apt/sources.list.d", file), "utf8"))
      .join("\n");
    const mirrors = [...sources.matchAll(/^URIs:\s*(\S+)/gim)].map((match) => match[1].replace(/\/$/, ""));
    const config = readFileSync(join(fleet().inventory.ssh_private_key, "..", "proxy", "conf", "acng.conf"), "utf8");
    const backends = [...config.matchAll(/^Remap-\S+: \S+ ; (\S+)$/gm)].map((match) => match[1]);
    expect(backends.sort()).toEqual([...new Set(mirrors)].sort());
    expect(config).toMatch(/^ForceManaged: 1$/m);
  });
});
