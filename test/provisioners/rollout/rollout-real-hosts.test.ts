// Rollouts across real lightweight hosts: a host powered off through its BMC in the middle of a
// rollout, the failure threshold, rollback of an unhealthy host, and the drain hook.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { IpmiBmc } from "../../../provisioners/bmc/ipmi";
import { rollout, RolloutTarget } from "../../../provisioners/rollout/rollout";
import { HostDefinition } from "../../../provisioners/ssh/host";
import { SshPool } from "../../../provisioners/ssh/pool";
import { Logger, MemorySink } from "../../../provisioners/ssh/redact";
import { sleep } from "../../../provisioners/ssh/retry";
import { SshSession } from "../../../provisioners/ssh/session";
import { DrainHook } from "../../../provisioners/stages/drain";
import { RoleSpec } from "../../../provisioners/stages/role";
import { supervisorManager } from "../../../provisioners/stages/service-manager";
import { fleetDown, fleetUp, toHostDefinition } from "../fleet-hosts";

const GROUP = "pvroll";
let hosts: HostDefinition[] = [];

beforeAll(async () => { hosts = (await fleetUp(GROUP, 4)).map(toHostDefinition); });
afterAll(() => fleetDown(GROUP));

const role = (version: number): RoleSpec => ({
  name: "app",
  files: [{ path: "/etc/pvroll/app.conf", content: `version = ${version}\n` }],
  services: [{ name: "pvroll-app", command: "sleep 1000003" }],
  healthChecks: [{ name: "not-broken", command: "test ! -e /etc/pvroll-broken", attempts: 2, intervalMs: 100 }],
});
const targets = (version: number): RolloutTarget[] => hosts.map((host) => ({ host, plan: { powerOn: false, roles: [role(version)] } }));

async function on(host: HostDefinition, cmd: string): Promise<string> {
  const s = await SshSession.open(host);
  try { return (await s.run(cmd, { step: "test" })).stdout.trim(); } finally { s.close(); }
}
const versionOn = (host: HostDefinition) => on(host, "cat /etc/pvroll/app.conf 2>/dev/null || echo none");

async function waitPower(bmc: IpmiBmc, state: "on" | "off"): Promise<void> {
  for (let i = 0; i < 60 && (await bmc.powerStatus()) !== state; i++) await sleep(500);
  expect(await bmc.powerStatus()).toBe(state);
}

/** A drain hook that records its calls; on one host it also powers another host off through its BMC. */
function recordingDrain(calls: string[], powerOffWhenDraining?: { at: string; victim: HostDefinition }): DrainHook {
  return {
    drain: async (host) => {
      calls.push(`drain ${host.name}`);
      if (powerOffWhenDraining?.at === host.name) {
        const bmc = new IpmiBmc(powerOffWhenDraining.victim.name, powerOffWhenDraining.victim.bmc!);
        await bmc.powerOff();
        await waitPower(bmc, "off");
      }
    },
    undrain: async (host) => { calls.push(`undrain ${host.name}`); },
  };
}

describe("rollout on real hosts", () => {
  test("given 4 fresh hosts, when rolled out with a canary, then all are changed and a re-run changes nothing", async () => {
    const pool = new SshPool();
    try {
      const first = await rollout(targets(1), { pool, serviceManager: supervisorManager }, { canary: 1, parallelism: 2 });
      expect(first.hosts.map((h) => h.outcome)).toEqual(["changed", "changed", "changed", "changed"]);
      const second = await rollout(targets(1), { pool, serviceManager: supervisorManager }, { canary: 1, parallelism: 2 });
      expect(second.hosts.map((h) => h.outcome)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    } finally {
      await pool.closeAll();
    }
  });

  test("given a host powered off through its BMC mid-rollout and no failure tolerated, then it is reported, the rest is skipped untouched, and no host is half-configured", async () => {
    const calls: string[] = [];
    const sink = new MemorySink();
    const pool = new SshPool({ logger: new Logger(sink), retry: { attempts: 2, initialDelayMs: 100 }, connectTimeoutMs: 4000 });
    try {
      const report = await rollout(targets(2), { pool, serviceManager: supervisorManager, drain: recordingDrain(calls, { at: hosts[1].name, victim: hosts[2] }) },
        { canary: 1, parallelism: 1, batchSize: 1, maxFailures: 0 });
      expect(report.hosts.map((h) => [h.host, h.outcome])).toEqual([
        [hosts[0].name, "changed"], [hosts[1].name, "changed"], [hosts[2].name, "failed"], [hosts[3].name, "skipped"],
      ]);
      expect(report.stopped).toBe(true);
      expect(report.hosts[2].error?.code).toMatch(/^Ssh(Unreachable|ConnectionLost|ConnectFailed)$/);
      expect(report.hosts[2].error?.message).toContain(hosts[2].name);
      expect([await versionOn(hosts[0]), await versionOn(hosts[1]), await versionOn(hosts[3])]).toEqual(["version = 2", "version = 2", "version = 1"]);
      expect(calls).toEqual([`drain ${hosts[0].name}`, `undrain ${hosts[0].name}`, `drain ${hosts[1].name}`, `undrain ${hosts[1].name}`]);
    } finally {
      await pool.closeAll();
    }
  });

  test("given the host still off and one failure tolerated, when rolled out, then it is reported and the others converge", async () => {
    const bmc = new IpmiBmc(hosts[2].name, hosts[2].bmc!);
    expect(await bmc.powerStatus()).toBe("off");
    const pool = new SshPool({ retry: { attempts: 2, initialDelayMs: 100 }, connectTimeoutMs: 4000 });
    try {
      const report = await rollout(targets(3), { pool, serviceManager: supervisorManager }, { canary: 1, parallelism: 2, maxFailures: 1 });
      expect(report.hosts.map((h) => h.outcome)).toEqual(["changed", "changed", "failed", "changed"]);
      expect(report.stopped).toBe(false);
      expect(await versionOn(hosts[3])).toBe("version = 3");
    } finally {
      await pool.closeAll();
      await bmc.powerOn();
      await waitPower(bmc, "on");
    }
  });

  test("given a host whose health check fails after the change, when rolled out, then that host is rolled back and reported", async () => {
    // Wait for the host powered on above to answer SSH again, then converge it.
    for (let i = 0; i < 60; i++) { try { await on(hosts[2], "true"); break; } catch { await sleep(500); } }
    const pool = new SshPool();
    try {
      await rollout(targets(3), { pool, serviceManager: supervisorManager }, { canary: 0, parallelism: 4 });
      await on(hosts[1], "touch /etc/pvroll-broken");
      const report = await rollout(targets(4), { pool, serviceManager: supervisorManager }, { canary: 1, parallelism: 2, maxFailures: 1 });
      expect(report.hosts.map((h) => h.outcome)).toEqual(["changed", "rolled-back", "changed", "changed"]);
      expect(report.hosts[1].error?.code).toBe("HealthCheckFailed");
      expect(report.hosts[1].rollback).toEqual(expect.arrayContaining(["restored /etc/pvroll/app.conf", "restarted pvroll-app"]));
      expect(await versionOn(hosts[1])).toBe("version = 3");
      expect(await versionOn(hosts[0])).toBe("version = 4");
    } finally {
      await pool.closeAll();
    }
  });
});
