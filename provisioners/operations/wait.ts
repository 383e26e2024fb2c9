// Waiting for a final state: poll, report progress, give up after a timeout. Polls are spaced by a
// timer (never a busy loop); the interval grows a little so long waits do not hammer the APIs.

import { PolyvisorError } from "../errors";

export type Settled = "done" | "pending" | { readonly failed: string };

export interface WaitOptions {
  readonly timeoutMs: number;
  /** First interval between polls (default 2 s); grows by half up to 4x. */
  readonly intervalMs?: number;
  /** What is being waited for, for the timeout error. */
  readonly what: string;
  /** Where (server name and id) for the timeout error. */
  readonly where: string;
  /** Called after every poll with how things stand. */
  readonly onPoll?: (description: string, elapsedMs: number) => void;
}

export interface Poll {
  readonly settled: Settled;
  /** One line saying how things stand (status, task state). */
  readonly description: string;
}

export class WaitFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const DEFAULT_POLL_INTERVAL_MS = 2000;

export async function waitUntil(poll: () => Promise<Poll>, options: WaitOptions): Promise<void> {
  const started = Date.now();
  const first = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let interval = first;
  let last = "not polled yet";
  for (;;) {
    const p = await poll();
    last = p.description;
    const elapsed = Date.now() - started;
    options.onPoll?.(p.description, elapsed);
    if (p.settled === "done") return;
    if (p.settled !== "pending") throw new WaitFailed(p.settled.failed);
    if (elapsed + interval > options.timeoutMs) {
      throw new PolyvisorError("OperationTimedOut", `${options.what} did not finish within ${Math.round(options.timeoutMs / 1000)} s`, {
        where: options.where,
        value: last,
        fix: "raise --timeout if the cloud is slow (TCG guests are), or look at the compute service's log for the instance",
      });
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(Math.round(interval * 1.5), first * 4);
  }
}
