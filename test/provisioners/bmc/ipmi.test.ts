import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { IpmiBmc } from "../../../provisioners/bmc/ipmi";
import { createBmc } from "../../../provisioners/bmc/create-bmc";
import { isPolyvisorError } from "../../../provisioners/errors";

const password = "bmc-pass-7f3a";

describe("IPMI command line", () => {
  test("given a password, then it travels in IPMI_PASSWORD with -E, never in argv", () => {
    const bmc = new IpmiBmc("node1", { type: "ipmi", address: "127.0.0.1", port: 9001, username: "admin", password });
    const { argv, env } = bmc.commandLine(["power", "status"]);
    expect(argv).toEqual(expect.arrayContaining(["-I", "lanplus", "-C", "3", "-H", "127.0.0.1", "-p", "9001", "-U", "admin", "-E", "chassis", "power", "status"]));
    expect(argv.join(" ")).not.toContain(password);
    expect(env.IPMI_PASSWORD).toBe(password);
  });

  test("given a password file, then ipmitool reads it with -f", () => {
    const bmc = new IpmiBmc("node1", { type: "ipmi", address: "127.0.0.1", username: "admin", passwordFile: "/run/pv/bmc.pw" });
    const { argv, env } = bmc.commandLine(["power", "on"]);
    expect(argv).toEqual(expect.arrayContaining(["-f", "/run/pv/bmc.pw", "-p", "623"]));
    expect(argv).not.toContain("-E");
    expect(env.IPMI_PASSWORD).toBeUndefined();
  });

  test("given neither password nor file, then BmcPasswordMissing names the host", () => {
    expect(() => new IpmiBmc("node1", { type: "ipmi", address: "127.0.0.1", username: "admin" })).toThrow(/BmcPasswordMissing.*node1\.bmc/);
  });

  test("given an unknown BMC type, then BmcTypeUnknown lists the allowed types", () => {
    try {
      createBmc("node1", { type: "amt" as "ipmi", address: "x", username: "u", password: "p" });
      expect.unreachable();
    } catch (err) {
      expect(isPolyvisorError(err, "BmcTypeUnknown")).toBe(true);
      expect((err as Error).message).toMatch(/ipmi, redfish/);
    }
  });

  test("given a BMC address where nothing answers, when power status is asked with the real ipmitool, then BmcUnreachable names host and step, and ps never showed the password", async () => {
    const bmc = new IpmiBmc("node1", { type: "ipmi", address: "127.0.0.1", port: 9, username: "admin", password, timeoutSeconds: 3 });
    const seenCmdlines: string[] = [];
    const watcher = setInterval(() => {
      for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
          if (cmdline.startsWith("ipmitool")) seenCmdlines.push(cmdline.split("\0").join(" "));
        } catch { /* process gone */ }
      }
    }, 50);
    try {
      await bmc.powerStatus();
      expect.unreachable("nothing listens on 127.0.0.1:9");
    } catch (err) {
      expect(isPolyvisorError(err, "BmcUnreachable")).toBe(true);
      expect((err as Error).message).toContain("node1:bmc:power-status");
      expect((err as Error).message).not.toContain(password);
    } finally {
      clearInterval(watcher);
    }
    expect(seenCmdlines.length).toBeGreaterThan(0);
    expect(seenCmdlines.join("\n")).not.toContain(password);
  });
});
