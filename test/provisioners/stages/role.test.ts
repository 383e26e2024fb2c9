// Roles on real lightweight hosts (no systemd: the pid-file supervisor runs services): idempotence
// proven by inodes, mtimes and service PIDs; restarts only for changed inputs; rollback on a failed
// health check.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { HostDefinition } from "../../../provisioners/ssh/host";
import { Logger, MemorySink } from "../../../provisioners/ssh/redact";
import { SshSession } from "../../../provisioners/ssh/session";
import { RoleSpec, applyRole, planRole, rollbackInfo } from "../../../provisioners/stages/role";
import { detectServiceManager, supervisorManager } from "../../../provisioners/stages/service-manager";
import { fleetDown, fleetUp, toHostDefinition } from "../fleet-hosts";

const GROUP = "pvrole";
const SECRET = "Qx9-role-secret-token";
let host: HostDefinition;
let session: SshSession;
const sink = new MemorySink();

beforeAll(async () => {
  host = toHostDefinition((await fleetUp(GROUP, 1))[0]);
  session = await SshSession.open(host, { logger: new Logger(sink) });
});
afterAll(async () => { session?.close(); await fleetDown(GROUP); });

const sh = async (cmd: string) => (await session.run(cmd, { step: "test" })).stdout.trim();
const pidOf = async (name: string) => (await supervisorManager.status(session, name)).pid;

/** Two services, each fed by its own file; the api's health needs "ok" in its config. */
function role(apiConf: string, workerConf: string): RoleSpec {
  return {
    name: "demo",
    secrets: { token: SECRET },
    files: [
      { path: "/etc/pvdemo/api.conf", content: apiConf },
      { path: "/etc/pvdemo/worker.conf", content: workerConf },
    ],
    services: [
      { name: "pvdemo-api", command: "sleep 1000001", inputs: ["/etc/pvdemo/api.conf"] },
      { name: "pvdemo-worker", command: "sleep 1000002", inputs: ["/etc/pvdemo/worker.conf"] },
    ],
    healthChecks: [{ name: "api-config-ok", command: "grep -q '^state = ok' /etc/pvdemo/api.conf", attempts: 2, intervalMs: 100 }],
  };
}
const snapshot = async () => ({
  files: await sh("stat -c '%n %i %Y' /etc/pvdemo/api.conf /etc/pvdemo/worker.conf"),
  api: await pidOf("pvdemo-api"),
  worker: await pidOf("pvdemo-worker"),
});

describe("a role on a host without systemd", () => {
  test("given a light host, when the service manager is detected, then it is the supervisor", async () => {
    expect((await detectServiceManager(session)).kind).toBe("supervisor");
  });

  test("given a fresh host, when the role is applied, then files are written and both services run", async () => {
    const result = await applyRole(session, role("state = ok\ntoken = ${secret:token}\n", "threads = 2\n"));
    expect(result.changed).toBe(true);
    expect(result.stages.find((s) => s.stage === "services")?.changes).toEqual(expect.arrayContaining(["started pvdemo-api", "started pvdemo-worker"]));
    expect(await pidOf("pvdemo-api")).toBeGreaterThan(1);
    expect(await pidOf("pvdemo-worker")).toBeGreaterThan(1);
    expect(await sh("stat -c %a /etc/pvdemo/api.conf")).toBe("640");
  });

  test("given no change, when applied again, then nothing is written and nothing restarts", async () => {
    const before = await snapshot();
    const plan = await planRole(session, role("state = ok\ntoken = ${secret:token}\n", "threads = 2\n"));
    expect(plan.changed).toBe(false);
    const result = await applyRole(session, role("state = ok\ntoken = ${secret:token}\n", "threads = 2\n"));
    expect(result.changed).toBe(false);
    expect(result.stages.every((s) => !s.changed)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  test("given only the worker's file changed, when applied, then only the worker restarts", async () => {
    const before = await snapshot();
    const plan = await planRole(session, role("state = ok\ntoken = ${secret:token}\n", "threads = 4\n"));
    expect(plan.services.map((s) => [s.name, s.action])).toEqual([["pvdemo-api", "none"], ["pvdemo-worker", "restart"]]);
    expect(plan.disruptive).toBe(true);
    await applyRole(session, role("state = ok\ntoken = ${secret:token}\n", "threads = 4\n"));
    const after = await snapshot();
    expect(after.api).toBe(before.api);
    expect(after.worker).not.toBe(before.worker);
    expect(after.worker).toBeGreaterThan(1);
  });

  test("given a change that fails the health check, when applied, then the host is rolled back to the previous file and the service restarted on it", async () => {
    const before = await snapshot();
    try {
      await applyRole(session, role("state = broken\ntoken = ${secret:token}\n", "threads = 4\n"));
      expect.unreachable("the health check must fail");
    } catch (err) {
      expect(isPolyvisorError(err, "HealthCheckFailed")).toBe(true);
      expect((err as Error).message).toContain(`${host.name}:health:api-config-ok`);
      expect(rollbackInfo(err)).toMatchObject({ rolledBack: true });
      expect(rollbackInfo(err)?.changes).toEqual(expect.arrayContaining(["restored /etc/pvdemo/api.conf", "restarted pvdemo-api"]));
    }
    expect(await sh("head -1 /etc/pvdemo/api.conf")).toBe("state = ok");
    const after = await snapshot();
    expect(after.api).not.toBe(before.api); // restarted twice: onto the bad file, then back onto the good one
    expect(after.worker).toBe(before.worker);
    expect((await planRole(session, role("state = ok\ntoken = ${secret:token}\n", "threads = 4\n"))).changed).toBe(false);
  });

  test("given everything above, then the secret never reached a log line", () => {
    expect(sink.records.length).toBeGreaterThan(0);
    expect(sink.text()).not.toContain(SECRET);
  });
});
