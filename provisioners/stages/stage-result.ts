// What every stage reports: did it change the host, and what exactly.

export interface StageResult {
  /** Stage name: power, os, packages, files, services, health. */
  readonly stage: string;
  readonly host: string;
  readonly changed: boolean;
  /** Human-readable changes, e.g. `wrote /etc/nova/nova.conf`, `restarted nova-compute` (never secrets). */
  readonly changes: readonly string[];
  readonly durationMs: number;
}

/** Times a stage body that returns its list of changes. */
export async function timedStage(stage: string, host: string, body: () => Promise<readonly string[]>): Promise<StageResult> {
  const started = Date.now();
  const changes = await body();
  return { stage, host, changed: changes.length > 0, changes, durationMs: Date.now() - started };
}
