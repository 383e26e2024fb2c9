// THE call path of every instance operation, shared by `polyvisor instance`, the provider's
// polyvisor_instance resource and library users:
//   gate (capability table for the server's driver and the cloud's release)
//   -> API call -> wait for the final state (timeout, progress) -> verify;
// on failure, nova's own fault for the server.

import { assertOperationSupported, type DriverId, type Release } from "../drivers";
import { PolyvisorError } from "../errors";
import type { OpenStackCloud, Server } from "../openstack";
import { novaFailure, operationFailed } from "./fault";
import { STATE_BY_STATUS, gatePowerPlan, planPowerState } from "./power-state";
import { explicitDriver, resolveDrivers } from "./resolve-driver";
import { resolveRelease } from "./resolve-release";
import { operationSpec, type OperationContext, type OperationSpec } from "./specs";
import type { OperationName, OperationOptions, OperationResult, ProgressListener, ProgressPhase, Started } from "./types";
import { WaitFailed, waitUntil } from "./wait";

export interface InstanceOperationsOptions {
  /** The cloud's release when known (stack outputs); otherwise read from the compute API. */
  readonly release?: string;
  /** Driver per compute host, from the stack outputs. */
  readonly driverByHost?: { readonly [host: string]: string };
  readonly onProgress?: ProgressListener;
  /** First poll interval in ms (default 2000). */
  readonly pollIntervalMs?: number;
}

export class InstanceOperations {
  private release?: Promise<Release>;

  constructor(
    readonly cloud: OpenStackCloud,
    private readonly settings: InstanceOperationsOptions = {},
  ) {}

  /** Runs one operation on the server named `target` (for launch: the new server's name). */
  async run(operation: OperationName, target: string, options: OperationOptions = {}): Promise<OperationResult> {
    const spec = operationSpec(operation);
    const t0 = Date.now();
    const progress = (phase: ProgressPhase, message: string, server?: Server) =>
      this.settings.onProgress?.({
        operation,
        phase,
        message,
        elapsedMs: Date.now() - t0,
        status: server?.status,
        taskState: server ? (server["OS-EXT-STS:task_state"] ?? null) : undefined,
      });
    checkRequired(spec, target, options);

    // With the driver and release known up front, refuse before any request at all.
    const early = explicitDriver({ driver: options.driver });
    let gated = false;
    if (early && (options.release ?? this.settings.release)) {
      this.gate(spec, [early], await this.cloudRelease(options), target, progress);
      gated = true;
    }

    let server: Server | undefined;
    let drivers: readonly DriverId[] = early ? [early] : [];
    if (!spec.createsServer) {
      progress("resolve", `finding server ${target}`);
      server = await this.cloud.servers.find(target);
      if (!early) drivers = await resolveDrivers(this.cloud, server, { driverByHost: this.settings.driverByHost });
    }
    const release = await this.cloudRelease(options);
    if (drivers.length > 0 && !gated) this.gate(spec, drivers, release, target, progress);

    const where = server ? `server ${server.name} (${server.id})` : `new server ${target}`;
    const ctx: OperationContext = { cloud: this.cloud, options, where };
    progress("request", `${operation}: sending the request`, server);
    const started = await spec.start(ctx, server, target);
    const id = started.before.id;
    const ctxFor: OperationContext = { ...ctx, where: `server ${started.before.name} (${id})` };

    let final: Server | undefined;
    try {
      await waitUntil(
        async () => {
          final = await this.cloud.servers.getIfExists(id);
          const settled = await spec.settle(ctxFor, final, started);
          const description = final ? `${final.status}${taskSuffix(final)}` : "gone";
          return { settled, description };
        },
        {
          timeoutMs: (options.timeoutSeconds ?? spec.defaultTimeoutSeconds) * 1000,
          intervalMs: this.settings.pollIntervalMs,
          what: operation,
          where: ctxFor.where,
          onPoll: (description) => progress("wait", `${operation}: ${description}`, final),
        },
      );
    } catch (err) {
      if (err instanceof WaitFailed) throw operationFailed(operation, ctxFor.where, err.reason, await novaFailure(this.cloud, id, final));
      if (err instanceof PolyvisorError && err.code === "OperationTimedOut") {
        const failure = await novaFailure(this.cloud, id, final);
        if (failure.fault || failure.action) throw operationFailed(operation, ctxFor.where, err.message, failure);
      }
      throw err;
    }

    if (drivers.length === 0 && final) {
      // Launch without an expected driver: gate and report the driver the server landed on.
      drivers = await resolveDrivers(this.cloud, final, { driverByHost: this.settings.driverByHost });
      this.gate(spec, drivers, release, target, progress);
    }
    if (spec.createsServer && early && final) await this.checkPlacement(early, final, ctxFor.where);
    progress("verify", `${operation}: verifying`, final);
    const extra = spec.verify ? await spec.verify(ctxFor, final, started) : {};
    progress("done", `${operation}: done`, final);
    return {
      operation,
      server: { id, name: started.before.name },
      drivers,
      release,
      status: final ? final.status : "DELETED",
      host: final ? (final["OS-EXT-SRV-ATTR:host"] ?? null) : null,
      elapsedMs: Date.now() - t0,
      ...extra,
    };
  }

  /**
   * Resolves the server, its driver(s) and the cloud's release and runs the gate, without sending
   * anything that changes the cloud (`--dry-run`). Throws the gate's refusal like `run` would.
   */
  async check(operation: OperationName, target: string, options: OperationOptions = {}): Promise<Pick<OperationResult, "operation" | "drivers" | "release"> & { readonly server?: { readonly id: string; readonly name: string } }> {
    const spec = operationSpec(operation);
    checkRequired(spec, target, options);
    const given = explicitDriver({ driver: options.driver });
    const server = spec.createsServer ? undefined : await this.cloud.servers.find(target);
    const drivers = given ? [given] : server ? await resolveDrivers(this.cloud, server, { driverByHost: this.settings.driverByHost }) : [];
    const release = await this.cloudRelease(options);
    if (drivers.length > 0) this.gate(spec, drivers, release, target, () => undefined);
    return { operation, drivers, release, ...(server ? { server: { id: server.id, name: server.name } } : {}) };
  }

  /**
   * Brings the server to a declared power state: the plan is computed from nova's status, every
   * step is gated before the first one runs, then each step goes through `run`.
   */
  async convergePowerState(target: string, desired: string, options: OperationOptions = {}): Promise<OperationResult[]> {
    let server = await this.cloud.servers.find(target);
    let plan = planPowerState(server.status, desired, `power_state of ${server.name}`);
    if (plan.waitFirst) {
      await waitUntil(
        async () => {
          server = (await this.cloud.servers.getIfExists(server.id)) ?? server;
          const settled = server.status === "ERROR" || STATE_BY_STATUS[server.status] ? "done" : "pending";
          return { settled, description: server.status };
        },
        {
          timeoutMs: (options.timeoutSeconds ?? 600) * 1000,
          intervalMs: this.settings.pollIntervalMs,
          what: `settling before power state ${desired}`,
          where: `server ${server.name} (${server.id})`,
        },
      );
      plan = planPowerState(server.status, desired, `power_state of ${server.name}`);
    }
    const driver = explicitDriver({ driver: options.driver });
    const drivers = driver ? [driver] : await resolveDrivers(this.cloud, server, { driverByHost: this.settings.driverByHost });
    gatePowerPlan(plan, drivers, await this.cloudRelease(options));
    const results: OperationResult[] = [];
    for (const step of plan.steps) results.push(await this.run(step, server.id, { ...options, driver: drivers.length === 1 ? drivers[0] : options.driver }));
    return results;
  }

  private gate(
    spec: OperationSpec,
    drivers: readonly DriverId[],
    release: Release,
    target: string,
    progress: (phase: ProgressPhase, message: string) => void,
  ): void {
    for (const driver of drivers) assertOperationSupported(driver, spec.gate, release);
    progress("gate", `${spec.gate} is supported by ${drivers.join(", ")} on ${release} (${target})`);
  }

  private cloudRelease(options: OperationOptions): Promise<Release> {
    if (options.release) return resolveRelease(this.cloud, options.release);
    this.release ??= resolveRelease(this.cloud, undefined, this.settings.release);
    return this.release;
  }

  /** A launch with an expected driver must land on a host of that driver. */
  private async checkPlacement(expected: DriverId, server: Server, where: string): Promise<void> {
    const landed = await resolveDrivers(this.cloud, server, { driverByHost: this.settings.driverByHost });
    if (landed.includes(expected)) return;
    throw new PolyvisorError("PlacementMismatch", `the server landed on a ${landed.join("/")} host, not on ${expected}`, {
      where: `${where} on ${server["OS-EXT-SRV-ATTR:host"] ?? "?"}`,
      value: landed,
      allowed: expected,
      fix: "pin the flavor to the driver's aggregate (aggregate_instance_extra_specs) or give the image hypervisor_type",
    });
  }
}

function checkRequired(spec: OperationSpec, target: string, options: OperationOptions): void {
  const missing = spec.requires.filter((k) => options[k] === undefined || options[k] === "");
  if (missing.length === 0) return;
  throw new PolyvisorError("MissingOption", `${spec.name} needs ${missing.join(", ")}`, {
    where: `polyvisor instance ${spec.name} ${target}`,
    value: missing,
    allowed: `options ${spec.accepts.join(", ")}`,
    fix: `add ${missing.map((m) => `--${kebab(m)}`).join(" ")}`,
  });
}

export function kebab(option: string): string {
  return option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function taskSuffix(server: Server): string {
  const task = server["OS-EXT-STS:task_state"];
  return task ? ` (${task})` : "";
}
