// Debian test hosts booted with systemd-nspawn: real systemd and sshd, apt through the fleet proxy,
// powered by their BMC.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { type FleetHost, runFleet, sshRun, useFleet } from "../support/fleet";

const run = promisify(execFile);
const fleet = useFleet({ group: "tnspawn", hosts: 2, kind: "nspawn" });

async function ipmi(host: FleetHost, ...args: string[]): Promise<string> {
  const { bmc } = host;
  const { stdout } = await run("ipmitool", ["-I", "lanplus", "-C", "3", "-H", bmc.address, "-p", String(bmc.port), "-U", bmc.username, "-f", bmc.password_file, ...args]);
  return stdout.trim();
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, attempts = 120): Promise<T> {
  let value = await probe();
  for (let attempt = 1; attempt < attempts && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await probe();
  }
  return value;
}

function commandLineOf(pid: number | null): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

describe("given two nspawn Debian hosts", () => {
  test.each([0, 1])("when host %i is reached over ssh, then systemd is its PID 1 and sshd a running unit", async (i) => {
    const host = fleet().hosts[i];
    const result = await sshRun(host, "hostname; cat /proc/1/comm; systemctl is-active ssh.service");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([host.name, "systemd", "active"]);
  });

  test("when the same path is written on both hosts, then each keeps its own file", async () => {
    const hosts = fleet().hosts;
    await Promise.all(hosts.map((host) => sshRun(host, `mkdir -p /etc/polyvisor && echo "${host.name}" > /etc/polyvisor/x.conf`)));
    const contents = await Promise.all(hosts.map((host) => sshRun(host, "cat /etc/polyvisor/x.conf")));
    expect(contents.map((result) => result.stdout.trim())).toEqual(hosts.map((host) => host.name));
  });

  test("when the hosts' machine ids and host keys are read, then no two hosts share one", async () => {
    const hosts = fleet().hosts;
    const ids = await Promise.all(hosts.map((host) => sshRun(host, "cat /etc/machine-id")));
    expect(new Set(ids.map((result) => result.stdout.trim())).size).toBe(hosts.length);
    expect(new Set(hosts.map((host) => host.host_key)).size).toBe(hosts.length);
  });

  test("when a small package is installed with apt, then it comes through the fleet proxy and runs", async () => {
    const host = fleet().hosts[0];
    const install = await sshRun(host, "apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends hello && hello", { timeoutMs: 600_000 });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain("Hello, world!");
    const proxyLog = readFileSync(fleet().inventory.ssh_private_key.replace(/id_ed25519$/, "proxy/log/apt-cacher.log"), "utf8");
    const fetchedByHost = proxyLog.split("\n").filter((line) => line.includes(`|${host.address}|`) && /\/hello_[^/]*\.deb$/.test(line));
    expect(fetchedByHost.length).toBeGreaterThan(0);
  });

  test("when a host reaches for the outside without the proxy, then there is no route", async () => {
    const result = await sshRun(fleet().hosts[1], "ip route show default; ip route get 192.0.2.1 2>&1 || true");
    expect(result.stdout).not.toMatch(/^default/m);
    expect(result.stdout).toMatch(/unreachable/i);
  });

  test("when powered off through its BMC, then the container stops; powered on, it boots to ssh again", async () => {
    const host = (await fleet().refresh()).hosts[1];
    expect(commandLineOf(host.pid)).toContain("systemd-nspawn");
    await ipmi(host, "chassis", "power", "off");
    expect(await until(() => ipmi(host, "chassis", "power", "status"), (status) => status.endsWith("off"))).toBe("Chassis Power is off");
    expect(commandLineOf(host.pid)).toBe("");
    expect((await sshRun(host, "true", { timeoutMs: 10_000 })).code).not.toBe(0);

    await ipmi(host, "chassis", "power", "on");
    expect(await until(() => ipmi(host, "chassis", "power", "status"), (status) => status.endsWith("on"))).toBe("Chassis Power is on");
    const login = await until(() => sshRun(host, "cat /etc/polyvisor/x.conf", { timeoutMs: 10_000 }), (result) => result.code === 0);
    expect(login.stdout.trim()).toBe(host.name);
  });

  test("when a host that attached a loop device to a file of its own is powered off, then the loop device is released", async () => {
    const host = (await fleet().refresh()).hosts[0];
    const { stdout } = await run("losetup", ["-f"]);
    const loop = stdout.trim();
    await runFleet(["devices", host.name, "/dev/loop-control", loop]);
    try {
      // Devices are bound into the container when it powers on.
      await ipmi(host, "chassis", "power", "off");
      await until(() => ipmi(host, "chassis", "power", "status"), (status) => status.endsWith("off"));
      await ipmi(host, "chassis", "power", "on");
      await until(() => sshRun(host, "true", { timeoutMs: 10_000 }), (result) => result.code === 0);
      const attach = await sshRun(host, `truncate -s 1M /root/guest-disk.img && losetup ${loop} /root/guest-disk.img && losetup -l -n -O NAME ${loop}`);
      expect(attach.code, attach.stderr).toBe(0);
      const attached = async () => (await run("losetup", ["-l", "-n", "-O", "NAME,BACK-FILE"])).stdout.split("\n").find((l) => l.startsWith(`${loop} `));
      expect(await attached()).toMatch(/\/root\/guest-disk\.img/);

      await ipmi(host, "chassis", "power", "off");
      expect(await until(() => ipmi(host, "chassis", "power", "status"), (status) => status.endsWith("off"))).toBe("Chassis Power is off");
      expect(await until(attached, (line) => line === undefined, 20)).toBeUndefined();
    } finally {
      await runFleet(["devices", host.name, "--clear"]);
      // Only if it is still ours (a released device may already serve someone else).
      const left = (await run("losetup", ["-l", "-n", "-O", "NAME,BACK-FILE"])).stdout.split("\n").find((l) => l.startsWith(`${loop} `));
      if (left?.includes("/root/guest-disk.img")) await run("losetup", ["-d", loop]);
      await ipmi(host, "chassis", "power", "on");
      await until(() => sshRun(host, "true", { timeoutMs: 10_000 }), (result) => result.code === 0);
    }
  });
});
