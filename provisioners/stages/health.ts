// Health checks per role: a command that must exit 0, retried while the service comes up.

import { PolyvisorError } from "../errors";
import { sleep } from "../ssh/retry";
import { SshSession } from "../ssh/session";

export interface HealthCheck {
  /** Shell command that exits 0 when healthy. */
  readonly command: string;
  /** Name for reports (default: the command). */
  readonly name?: string;
  /** Attempts before giving up (default 10). */
  readonly attempts?: number;
  /** Wait between attempts in ms (default 1000). */
  readonly intervalMs?: number;
  /** Timeout of one attempt in ms (default 30000). */
  readonly timeoutMs?: number;
}

/** Runs every check until it passes; throws HealthCheckFailed naming host, check and last output. */
export async function runHealthChecks(session: SshSession, checks: readonly HealthCheck[]): Promise<string[]> {
  const passed: string[] = [];
  for (const check of checks) {
    const name = check.name ?? check.command;
    const attempts = check.attempts ?? 10;
    let last = "";
    let ok = false;
    for (let n = 1; n <= attempts && !ok; n++) {
      if (n > 1) await sleep(check.intervalMs ?? 1000);
      const r = await session.exec(check.command, { step: `health:${name}`, timeoutMs: check.timeoutMs ?? 30_000 });
      ok = r.code === 0;
      last = `exit ${r.code}: ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" | ")}`;
    }
    if (!ok) {
      throw new PolyvisorError("HealthCheckFailed", `health check failed after ${attempts} attempts`, {
        where: `${session.host.name}:health:${name}`, value: session.logger.redactor.redact(last),
        fix: "look at the service's log on the host; the change was rolled back if rollback is on",
      });
    }
    passed.push(name);
  }
  return passed;
}
