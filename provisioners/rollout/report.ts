// The per-host report a rollout ends with.

export type HostOutcome = "changed" | "unchanged" | "failed" | "rolled-back" | "skipped";

export interface HostReport {
  readonly host: string;
  readonly outcome: HostOutcome;
  /** 0 = canary batch, then 1, 2, ... */
  readonly batch: number;
  readonly durationMs: number;
  /** What changed, stage by stage (`files: updated /etc/x.conf`). */
  readonly changes: readonly string[];
  /** Stable error code and message (secrets redacted) for failed and rolled-back hosts. */
  readonly error?: { readonly code: string; readonly message: string };
  /** What the rollback did, for rolled-back hosts. */
  readonly rollback?: readonly string[];
}

export interface RolloutReport {
  readonly hosts: readonly HostReport[];
  /** True when the failure threshold (or a failed canary) stopped the rollout. */
  readonly stopped: boolean;
  readonly stopReason?: string;
  readonly durationMs: number;
  readonly counts: { readonly [outcome in HostOutcome]: number };
}

export function countOutcomes(hosts: readonly HostReport[]): { [outcome in HostOutcome]: number } {
  const counts = { changed: 0, unchanged: 0, failed: 0, "rolled-back": 0, skipped: 0 };
  for (const h of hosts) counts[h.outcome]++;
  return counts;
}

/** A fixed-width table for CLIs and CI logs. */
export function formatRolloutReport(report: RolloutReport): string {
  const rows = report.hosts.map((h) => [h.host, h.outcome, String(h.batch), `${(h.durationMs / 1000).toFixed(1)}s`,
    h.error ? `${h.error.code}: ${h.error.message}` : h.changes.join("; ") || "-"]);
  const header = ["HOST", "OUTCOME", "BATCH", "TIME", "DETAIL"];
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((r) => (i < 4 ? r[i].length : 0))));
  const line = (r: string[]) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join("  ");
  const c = report.counts;
  const summary = `${c.changed} changed, ${c.unchanged} unchanged, ${c.failed} failed, ${c["rolled-back"]} rolled back, ${c.skipped} skipped in ${(report.durationMs / 1000).toFixed(1)}s`
    + (report.stopped ? ` — stopped: ${report.stopReason}` : "");
  return [line(header), ...rows.map(line), summary].join("\n");
}
