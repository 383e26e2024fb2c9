// Orchestration only: the per-host work is an in-process function passed through the rollout's
// `apply` option, so batching, the canary and the threshold can be checked exactly. The same rollout
// against real hosts is in rollout-real-hosts.test.ts.
import { describe, expect, test } from "vitest";
import { PolyvisorError } from "../../../provisioners/errors";
import { planBatches, rollout, RolloutTarget } from "../../../provisioners/rollout/rollout";
import { formatRolloutReport } from "../../../provisioners/rollout/report";
import { SshPool } from "../../../provisioners/ssh/pool";
import { sleep } from "../../../provisioners/ssh/retry";
import { HostResult } from "../../../provisioners/stages/provision";

const targets = (n: number): RolloutTarget[] =>
  [...Array(n).keys()].map((i) => ({ host: { name: `h${i}`, address: `10.0.0.${i + 1}` }, plan: {} }));

function work(failing: ReadonlySet<string>, log: string[]) {
  return async (t: RolloutTarget): Promise<HostResult> => {
    log.push(`start ${t.host.name}`);
    await sleep(2);
    if (failing.has(t.host.name)) throw new PolyvisorError("SshUnreachable", "host is off", { where: `${t.host.name}:ssh-connect` });
    log.push(`end ${t.host.name}`);
    return { host: t.host.name, changed: true, stages: [{ stage: "files", host: t.host.name, changed: true, changes: ["updated /etc/x"], durationMs: 1 }], roles: [], drained: false, hostKeyFingerprint: "", durationMs: 2 };
  };
}

const ctx = { pool: new SshPool() };

describe("rollout orchestration", () => {
  test.each([
    [5, 1, 2, [1, 2, 2]],
    [5, 0, 2, [2, 2, 1]],
    [3, 5, 2, [3]],
    [0, 1, 2, []],
  ])("given %i hosts, canary %i and batch size %i, then batch sizes are %j", (n, canary, size, sizes) => {
    expect(planBatches(targets(n), canary, size).map((b) => b.length)).toEqual(sizes);
  });

  test("given healthy hosts, when rolled out, then the canary finishes before any other host starts and all are changed", async () => {
    const log: string[] = [];
    const report = await rollout(targets(6), ctx, { canary: 1, parallelism: 3, apply: work(new Set(), log) });
    expect(log.indexOf("end h0")).toBeLessThan(log.indexOf("start h1"));
    expect(report.counts.changed).toBe(6);
    expect(report.stopped).toBe(false);
    expect(report.hosts.map((h) => h.batch)).toEqual([0, 1, 1, 1, 2, 2]);
  });

  test("given a failing canary, when rolled out, then nothing else is started and the rest are skipped", async () => {
    const log: string[] = [];
    const report = await rollout(targets(5), ctx, { canary: 1, maxFailures: 3, apply: work(new Set(["h0"]), log) });
    expect(log).toEqual(["start h0"]);
    expect(report.stopped).toBe(true);
    expect(report.stopReason).toMatch(/canary h0/);
    expect(report.hosts.map((h) => h.outcome)).toEqual(["failed", "skipped", "skipped", "skipped", "skipped"]);
    expect(report.hosts[0].error?.code).toBe("SshUnreachable");
  });

  test.each([
    [0, ["changed", "failed", "skipped", "skipped", "skipped"]],
    [1, ["changed", "failed", "changed", "failed", "skipped"]],
    [5, ["changed", "failed", "changed", "failed", "changed"]],
  ])("given maxFailures %i and hosts h1, h3 failing one at a time, then outcomes are %j", async (maxFailures, outcomes) => {
    const report = await rollout(targets(5), ctx, { canary: 1, parallelism: 1, batchSize: 1, maxFailures, apply: work(new Set(["h1", "h3"]), []) });
    expect(report.hosts.map((h) => h.outcome)).toEqual(outcomes);
    expect(report.stopped).toBe(maxFailures < 2);
  });

  test("given a failure ratio of 0.5 over 4 hosts, then 2 failures are tolerated", async () => {
    const report = await rollout(targets(4), ctx, { canary: 0, parallelism: 1, maxFailureRatio: 0.5, apply: work(new Set(["h0", "h1"]), []) });
    expect(report.counts).toMatchObject({ failed: 2, changed: 2, skipped: 0 });
  });

  test("given a finished rollout, when formatted, then every host and the summary are printed", async () => {
    const report = await rollout(targets(2), ctx, { canary: 1, apply: work(new Set(["h1"]), []) });
    const text = formatRolloutReport(report);
    expect(text).toMatch(/h0\s+changed/);
    expect(text).toMatch(/h1\s+failed.*SshUnreachable/);
    expect(text).toMatch(/1 changed, 0 unchanged, 1 failed, 0 rolled back, 0 skipped/);
  });
});
