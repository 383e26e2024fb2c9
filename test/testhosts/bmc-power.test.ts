// Each host's ipmi_sim BMC really powers its host: off stops it, on boots it, status tells the truth.
import { execFile } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { type FleetHost, sshRun, useFleet } from "../support/fleet";

const run = promisify(execFile);
const fleet = useFleet({ group: "tbmc", hosts: 2, kind: "light" });

async function ipmi(host: FleetHost, ...args: string[]): Promise<string> {
  const { bmc } = host;
  const { stdout } = await run("ipmitool", ["-I", "lanplus", "-C", "3", "-H", bmc.address, "-p", String(bmc.port), "-U", bmc.username, "-f", bmc.password_file, ...args]);
  return stdout.trim();
}

/** Poll the BMC until it reports WANTED (the chassis control acts in the background, like a real BMC). */
async function waitForPower(host: FleetHost, wanted: "on" | "off"): Promise<string> {
  let status = "";
  for (let attempt = 0; attempt < 60 && status !== `Chassis Power is ${wanted}`; attempt++) {
    status = await ipmi(host, "chassis", "power", "status");
    if (status !== `Chassis Power is ${wanted}`) await new Promise((done) => setTimeout(done, 250));
  }
  return status;
}

/** The live command line of PID; "" once it is gone (a zombie's is empty too). */
function commandLineOf(pid: number | null): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

async function waitForSsh(host: FleetHost): Promise<number> {
  let code = -1;
  for (let attempt = 0; attempt < 60 && code !== 0; attempt++) {
    code = (await sshRun(host, "true", { timeoutMs: 10_000 })).code;
    if (code !== 0) await new Promise((done) => setTimeout(done, 500));
  }
  return code;
}

describe("given a lightweight host and its BMC", () => {
  test("when powered off through IPMI, then the BMC reports off, its processes are gone and ssh is refused", async () => {
    const host = fleet().hosts[0];
    expect(await ipmi(host, "chassis", "power", "status")).toBe("Chassis Power is on");
    expect((await sshRun(host, "echo kept > /root/before-off")).code).toBe(0);
    await ipmi(host, "chassis", "power", "off");
    expect(await waitForPower(host, "off")).toBe("Chassis Power is off");
    expect(commandLineOf(host.pid)).toBe("");
    const login = await sshRun(host, "true", { timeoutMs: 10_000 });
    expect(login.code).not.toBe(0);
    expect(login.stderr).toMatch(/refused/i);
  });

  test("when powered on again, then it answers ssh with the same host key and kept its files", async () => {
    const host = fleet().hosts[0];
    await ipmi(host, "chassis", "power", "on");
    expect(await waitForPower(host, "on")).toBe("Chassis Power is on");
    expect(await waitForSsh(host)).toBe(0);
    expect((await sshRun(host, "cat /root/before-off")).stdout.trim()).toBe("kept");
    const refreshed = (await fleet().refresh()).hosts[0];
    expect(refreshed.power).toBe("on");
    expect(refreshed.pid).not.toBe(host.pid);
  });

  test("when power-cycled, then the host runs again as a new process and answers ssh", async () => {
    const host = (await fleet().refresh()).hosts[1];
    await sshRun(host, "echo kept > /root/before-cycle");
    await ipmi(host, "chassis", "power", "cycle");
    let pid = host.pid;
    for (let attempt = 0; attempt < 60 && (pid === host.pid || pid === null); attempt++) {
      await new Promise((done) => setTimeout(done, 250));
      pid = (await fleet().refresh()).hosts[1].pid;
    }
    expect(pid).not.toBe(host.pid);
    expect(await waitForSsh(host)).toBe(0);
    expect((await sshRun(host, "cat /root/before-cycle")).stdout.trim()).toBe("kept");
  });

  test("when the boot device is set to pxe, then the BMC and the inventory report it", async () => {
    const host = fleet().hosts[1];
    await ipmi(host, "chassis", "bootdev", "pxe");
    expect(await ipmi(host, "chassis", "bootparam", "get", "5")).toMatch(/Force PXE/);
    expect((await fleet().refresh()).hosts[1].bootdev).toBe("pxe");
  });

  test("when the wrong password is given, then the BMC refuses the session", async () => {
    const { bmc } = fleet().hosts[1];
    const refused = await run("ipmitool", ["-I", "lanplus", "-C", "3", "-H", bmc.address, "-p", String(bmc.port), "-U", bmc.username, "-P", "not-the-password", "chassis", "power", "status"]).catch((error) => error);
    expect(refused.code).not.toBe(0);
  });

  test("when the BMC secrets are stored, then no file holding the password is readable by others", () => {
    const { bmc } = fleet().hosts[0];
    for (const file of [bmc.password_file, join(bmc.password_file, "..", "lan.conf")]) {
      expect(statSync(file).mode & 0o077).toBe(0);
    }
  });
});
