// What one instance operation is, as data plus three small steps: the API call, the test of the
// final state (run on every poll), and an optional verification once it is reached.

import type { OpenStackCloud, Server, ServerStatus } from "../../openstack";
import type { GatedOperation, OperationName, OperationOptions, OperationResult, Started } from "../types";
import type { Settled } from "../wait";

export interface OperationContext {
  readonly cloud: OpenStackCloud;
  readonly options: OperationOptions;
  /** `name (id)` of the server, for errors. */
  readonly where: string;
}

export interface OperationSpec {
  readonly name: OperationName;
  /** The driver-layer operation that gates it. */
  readonly gate: GatedOperation;
  readonly summary: string;
  /** Options that must be given. */
  readonly requires: readonly (keyof OperationOptions)[];
  /** Options it reads besides the common ones (for the CLI's help and checks). */
  readonly accepts: readonly (keyof OperationOptions)[];
  readonly defaultTimeoutSeconds: number;
  /** launch: the target name is the new server's name; there is no server before. */
  readonly createsServer?: true;
  /** maintenance-mode: acts on a host, not on the server itself. */
  readonly hostLevel?: true;
  /** Sends the API call(s). `server` is undefined only for launch. */
  start(ctx: OperationContext, server: Server | undefined, name: string): Promise<Started>;
  /** Is the final state reached? `server` is undefined once nova no longer knows it. */
  settle(ctx: OperationContext, server: Server | undefined, started: Started): Promise<Settled>;
  /** Checks the effect once settled; returns what the result reports. */
  verify?(ctx: OperationContext, server: Server | undefined, started: Started): Promise<Partial<OperationResult>>;
}

export function taskState(server: Server): string | null {
  return server["OS-EXT-STS:task_state"] ?? null;
}

export function hostOf(server: Server): string | null {
  return server["OS-EXT-SRV-ATTR:host"] ?? null;
}

/** Settled when the server shows one of `statuses` with no task running; ERROR fails. */
export function reaches(...statuses: ServerStatus[]) {
  return async (_ctx: OperationContext, server: Server | undefined): Promise<Settled> => settledAt(server, statuses);
}

export function settledAt(server: Server | undefined, statuses: readonly ServerStatus[]): Settled {
  if (!server) return { failed: "the server disappeared" };
  if (server.status === "ERROR") return { failed: "the server went to ERROR" };
  return statuses.includes(server.status) && taskState(server) === null ? "done" : "pending";
}

/** A simple server action: call, then wait for a status. */
export function serverAction(
  name: OperationName,
  gate: GatedOperation,
  summary: string,
  call: (cloud: OpenStackCloud, id: string, options: OperationOptions) => Promise<unknown>,
  target: ServerStatus[],
  defaultTimeoutSeconds = 300,
  accepts: readonly (keyof OperationOptions)[] = [],
): OperationSpec {
  return {
    name,
    gate,
    summary,
    requires: [],
    accepts,
    defaultTimeoutSeconds,
    async start(ctx, server) {
      await call(ctx.cloud, server!.id, ctx.options);
      return { before: server! };
    },
    settle: reaches(...target),
  };
}
