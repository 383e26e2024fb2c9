// The vocabulary of instance operations shared by the library, the CLI and the provider's
// polyvisor_instance resource.

import type { DriverId, Operation, Release } from "../drivers";
import type { Server, ServerStatus } from "../openstack";

/** Operations the driver layer gates (one nova support-matrix feature each; see drivers/operations.ts). */
export type GatedOperation = Operation;

/** What `polyvisor instance <operation>` accepts: the gated operations plus steps of them. */
export type OperationName = GatedOperation | "confirm-resize" | "revert-resize" | "shelve" | "unshelve";

export interface OperationOptions {
  /** Driver the instance runs on; found from its hypervisor when not given. */
  readonly driver?: DriverId;
  /** The cloud's OpenStack release; from the stack outputs or the compute API when not given. */
  readonly release?: Release;
  /** Give up waiting for the final state after this many seconds (default per operation). */
  readonly timeoutSeconds?: number;
  /** reboot: HARD instead of SOFT. */
  readonly hard?: boolean;
  /** live-migrate / evacuate: target host (default: the scheduler chooses). maintenance-mode: the host. */
  readonly host?: string;
  /** live-migrate: block migration (default auto). */
  readonly blockMigration?: boolean | "auto";
  /** launch / resize: flavor name or id. */
  readonly flavor?: string;
  /** resize: what to do once nova has resized (default confirm). */
  readonly then?: "confirm" | "revert" | "none";
  /** launch / rescue: image name or id. */
  readonly image?: string;
  /** snapshot: name of the new image. */
  readonly imageName?: string;
  /** launch: network ids (none when empty). */
  readonly networks?: readonly string[];
  /** launch: availability zone (or zone:host). */
  readonly availabilityZone?: string;
  /** attach/detach/swap: the (old) volume id. */
  readonly volume?: string;
  /** swap-volume: the new volume id. */
  readonly newVolume?: string;
  /** attach-volume: device name hint. */
  readonly device?: string;
  /** set-admin-password / rescue: the password (never logged). */
  readonly adminPass?: string;
  /** console-log: last N lines. */
  readonly lines?: number;
  /** maintenance-mode: false to leave maintenance (default true). */
  readonly enable?: boolean;
}

export type ProgressPhase = "resolve" | "gate" | "request" | "wait" | "verify" | "done";

export interface ProgressEvent {
  readonly operation: OperationName;
  readonly phase: ProgressPhase;
  readonly message: string;
  readonly elapsedMs: number;
  readonly status?: ServerStatus | string;
  readonly taskState?: string | null;
}

export type ProgressListener = (event: ProgressEvent) => void;

export interface OperationResult {
  readonly operation: OperationName;
  readonly server: { readonly id: string; readonly name: string };
  /** Driver(s) the gate checked: one when known, every candidate when the hypervisor is ambiguous. */
  readonly drivers: readonly DriverId[];
  readonly release: Release;
  readonly status: ServerStatus | "DELETED";
  readonly host?: string | null;
  readonly elapsedMs: number;
  /** console-log */
  readonly output?: string;
  /** snapshot */
  readonly imageId?: string;
  /** resize */
  readonly flavor?: string;
  /** live-migrate / evacuate */
  readonly fromHost?: string | null;
}

/** What an operation's API call left for the waiting and verifying steps. */
export interface Started {
  readonly before: Server;
  readonly imageId?: string;
  readonly output?: string;
  readonly flavorName?: string;
  readonly maintenance?: unknown;
  readonly volumeIds?: readonly string[];
}
