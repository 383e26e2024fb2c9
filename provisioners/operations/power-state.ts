// Declarative power state for the polyvisor_instance resource: from the server's nova status and
// the desired state, the sequence of operations to run, as data. The edges are the transitions
// nova allows (its compute API's instance-state checks); the shortest path is taken.

import { assertOperationSupported, type DriverId, type Release } from "../drivers";
import { PolyvisorError } from "../errors";
import type { ServerStatus } from "../openstack";
import { operationSpec } from "./specs";
import type { OperationName } from "./types";

export const POWER_STATES = ["active", "shutoff", "paused", "suspended", "shelved"] as const;
export type PowerState = (typeof POWER_STATES)[number];

/** States a server can be found in besides the declarable ones (left by imperative operations). */
type FoundState = PowerState | "rescued" | "verify_resize";

/** Nova status to state; statuses missing here are transitional (wait) or ERROR (refuse). */
export const STATE_BY_STATUS: { readonly [status in ServerStatus]?: FoundState } = {
  ACTIVE: "active",
  SHUTOFF: "shutoff",
  PAUSED: "paused",
  SUSPENDED: "suspended",
  SHELVED: "shelved",
  SHELVED_OFFLOADED: "shelved",
  RESCUE: "rescued",
  VERIFY_RESIZE: "verify_resize",
};

/** One nova-allowed transition: from a state, the operation, and the state it leads to. */
export const POWER_TRANSITIONS: readonly { readonly from: FoundState; readonly op: OperationName; readonly to: FoundState }[] = [
  { from: "active", op: "stop", to: "shutoff" },
  { from: "active", op: "pause", to: "paused" },
  { from: "active", op: "suspend", to: "suspended" },
  { from: "active", op: "shelve", to: "shelved" },
  { from: "shutoff", op: "start", to: "active" },
  { from: "shutoff", op: "shelve", to: "shelved" },
  { from: "paused", op: "unpause", to: "active" },
  { from: "paused", op: "shelve", to: "shelved" },
  { from: "suspended", op: "resume", to: "active" },
  { from: "suspended", op: "shelve", to: "shelved" },
  { from: "shelved", op: "unshelve", to: "active" },
  { from: "rescued", op: "unrescue", to: "active" },
  { from: "verify_resize", op: "confirm-resize", to: "active" },
];

export interface PowerPlan {
  readonly from: ServerStatus;
  readonly to: PowerState;
  /** Operations in order; empty when the server is already there. */
  readonly steps: readonly OperationName[];
  /** True when the server is in a transitional status: wait for it to settle, then plan again. */
  readonly waitFirst: boolean;
}

export function isPowerState(x: unknown): x is PowerState {
  return typeof x === "string" && (POWER_STATES as readonly string[]).includes(x);
}

export function planPowerState(status: ServerStatus, desired: string, where = "power_state"): PowerPlan {
  if (!isPowerState(desired)) {
    throw new PolyvisorError("InvalidPowerState", "unknown power state", { where, value: desired, allowed: POWER_STATES.join(", ") });
  }
  if (status === "ERROR") {
    throw new PolyvisorError("PowerStateUnreachable", "the server is in ERROR; no power operation can move it", {
      where,
      value: status,
      fix: "read the server's fault, then reset it (`openstack server set --state active`) or replace it",
    });
  }
  const from = STATE_BY_STATUS[status];
  if (!from) return { from: status, to: desired, steps: [], waitFirst: true };
  return { from: status, to: desired, steps: shortestPath(from, desired), waitFirst: false };
}

/** Refuses a plan with a step that a driver cannot do, before any step runs. */
export function gatePowerPlan(plan: PowerPlan, drivers: readonly DriverId[], release: Release): void {
  for (const step of plan.steps) {
    for (const driver of drivers) assertOperationSupported(driver, operationSpec(step).gate, release);
  }
}

function shortestPath(from: FoundState, to: PowerState): OperationName[] {
  const previous = new Map<FoundState, { readonly state: FoundState; readonly op: OperationName }>();
  const queue: FoundState[] = [from];
  const seen = new Set<FoundState>([from]);
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (state === to) break;
    for (const edge of POWER_TRANSITIONS.filter((e) => e.from === state && !seen.has(e.to))) {
      seen.add(edge.to);
      previous.set(edge.to, { state, op: edge.op });
      queue.push(edge.to);
    }
  }
  const steps: OperationName[] = [];
  for (let s: FoundState = to; s !== from; ) {
    const step = previous.get(s);
    if (!step) throw new Error(`no transition path from ${from} to ${to} in POWER_TRANSITIONS`);
    steps.unshift(step.op);
    s = step.state;
  }
  return steps;
}
