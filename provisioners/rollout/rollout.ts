// Rollouts across many hosts: a canary first, then batches with bounded parallelism; a failure
// threshold stops the rollout (hosts not started yet are skipped, hosts in flight finish — no host is
// left half-configured); a host whose health check fails is rolled back by its role apply.

import { isPolyvisorError } from "../errors";
import { HostDefinition } from "../ssh/host";
import { Logger, silentLogger } from "../ssh/redact";
import { mapLimit } from "../ssh/semaphore";
import { HostPlan, HostResult, ProvisionContext, provisionHost } from "../stages/provision";
import { rollbackInfo } from "../stages/role";
import { HostReport, RolloutReport, countOutcomes } from "./report";

export interface RolloutTarget {
  readonly host: HostDefinition;
  readonly plan: HostPlan;
}

export interface RolloutOptions {
  /** Hosts worked on at once within a batch (default 8). */
  readonly parallelism?: number;
  /** Hosts per batch after the canary (default: parallelism). */
  readonly batchSize?: number;
  /** Hosts done first, on their own; any canary failure stops the rollout (default 1, 0 = none). */
  readonly canary?: number;
  /** Failed or rolled-back hosts tolerated; one more stops the rollout (default 0). */
  readonly maxFailures?: number;
  /** Alternatively, the tolerated share of all hosts (0..1); the larger of both limits applies. */
  readonly maxFailureRatio?: number;
  /** What to do per host (default: provisionHost). */
  readonly apply?: (target: RolloutTarget, ctx: ProvisionContext) => Promise<HostResult>;
}

export const DEFAULT_PARALLELISM = 8;

/** Splits targets into the canary batch and the following batches. */
export function planBatches<T>(targets: readonly T[], canary: number, batchSize: number): T[][] {
  const batches: T[][] = [];
  const head = Math.min(Math.max(canary, 0), targets.length);
  if (head > 0) batches.push(targets.slice(0, head));
  for (let i = head; i < targets.length; i += batchSize) batches.push(targets.slice(i, i + batchSize));
  return batches;
}

export async function rollout(targets: readonly RolloutTarget[], ctx: ProvisionContext, options: RolloutOptions = {}): Promise<RolloutReport> {
  const started = Date.now();
  const logger: Logger = (ctx.logger ?? ctx.pool.options.logger ?? silentLogger()).with({ step: "rollout" });
  const parallelism = options.parallelism ?? DEFAULT_PARALLELISM;
  const canary = options.canary ?? 1;
  const batches = planBatches(targets, canary, options.batchSize ?? parallelism);
  const tolerated = Math.max(options.maxFailures ?? 0, Math.floor((options.maxFailureRatio ?? 0) * targets.length));
  const apply = options.apply ?? ((t: RolloutTarget, c: ProvisionContext) => provisionHost(t.host, t.plan, c));
  const reports: HostReport[] = [];
  let failures = 0;
  let stopReason: string | undefined;

  for (const [index, batch] of batches.entries()) {
    const batchNo = canary > 0 ? index : index + 1;
    const isCanary = canary > 0 && index === 0;
    const batchReports = await mapLimit(batch, parallelism, async (target): Promise<HostReport> => {
      if (stopReason) return skipped(target, batchNo);
      const report = await applyOne(target, ctx, apply, batchNo, logger);
      if (report.outcome === "failed" || report.outcome === "rolled-back") {
        failures++;
        if (isCanary) stopReason ??= `canary ${target.host.name} failed (${report.error?.code})`;
        else if (failures > tolerated) stopReason ??= `${failures} host(s) failed, more than the ${tolerated} tolerated`;
      }
      return report;
    });
    reports.push(...batchReports);
    if (stopReason) {
      logger.error(`rollout stopped: ${stopReason}`);
      batches.slice(index + 1).forEach((rest, j) => reports.push(...rest.map((t) => skipped(t, batchNo + 1 + j))));
      break;
    }
  }
  return { hosts: reports, stopped: stopReason !== undefined, stopReason, durationMs: Date.now() - started, counts: countOutcomes(reports) };
}

async function applyOne(target: RolloutTarget, ctx: ProvisionContext, apply: NonNullable<RolloutOptions["apply"]>, batch: number, logger: Logger): Promise<HostReport> {
  const started = Date.now();
  try {
    const result = await apply(target, ctx);
    return {
      host: target.host.name, outcome: result.changed ? "changed" : "unchanged", batch, durationMs: Date.now() - started,
      changes: result.stages.flatMap((s) => s.changes.map((c) => `${s.stage}: ${c}`)),
    };
  } catch (err) {
    const code = isPolyvisorError(err) ? err.code : "UnexpectedError";
    const message = logger.redactor.redact(err instanceof Error ? err.message : String(err));
    const rb = rollbackInfo(err);
    logger.with({ host: target.host.name }).error(message);
    return {
      host: target.host.name, outcome: rb?.rolledBack ? "rolled-back" : "failed", batch, durationMs: Date.now() - started,
      changes: [], error: { code, message }, ...(rb ? { rollback: rb.rolledBack ? rb.changes : [`rollback failed: ${rb.error}`] } : {}),
    };
  }
}

function skipped(target: RolloutTarget, batch: number): HostReport {
  return { host: target.host.name, outcome: "skipped", batch, durationMs: 0, changes: [] };
}
