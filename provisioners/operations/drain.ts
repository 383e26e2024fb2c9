// Draining a compute host for a rolling change: disable its nova-compute service (so nothing new
// lands there), live-migrate every guest away through the same gated call path, and re-enable the
// service afterwards. A guest whose driver cannot live-migrate stops the drain before anything is
// disabled, with the driver layer's refusal.

import { PolyvisorError } from "../errors";
import type { ComputeService } from "../openstack";
import type { InstanceOperations } from "./instance-operations";
import type { OperationResult } from "./types";

export interface DrainOptions {
  /** Where the guests go (default: the scheduler chooses). */
  readonly targetHost?: string;
  /** Reason recorded on the disabled service. */
  readonly reason?: string;
  /** Per-migration timeout in seconds. */
  readonly timeoutSeconds?: number;
  /** Called once the service is disabled (before the first migration). */
  readonly onDisabled?: (service: ComputeService) => void;
}

export interface DrainResult {
  readonly host: string;
  readonly service: ComputeService;
  readonly migrated: readonly OperationResult[];
}

export async function drainHost(ops: InstanceOperations, host: string, options: DrainOptions = {}): Promise<DrainResult> {
  const service = await computeService(ops, host);
  const guests = await ops.cloud.servers.list({ host, all_tenants: true });
  // Gate every guest before touching the service, so a refused guest leaves the host as it was.
  for (const guest of guests) await ops.check("live-migrate", guest.id, { host: options.targetHost });
  const disabled = await ops.cloud.infrastructure.updateService(service, {
    status: "disabled",
    disabledReason: options.reason ?? "polyvisor: draining for a rolling change",
  });
  options.onDisabled?.(disabled);
  const migrated: OperationResult[] = [];
  for (const guest of guests) {
    migrated.push(await ops.run("live-migrate", guest.id, { host: options.targetHost, timeoutSeconds: options.timeoutSeconds }));
  }
  return { host, service: disabled, migrated };
}

/** Puts a drained host back into scheduling. */
export async function enableHost(ops: InstanceOperations, host: string): Promise<ComputeService> {
  return ops.cloud.infrastructure.updateService(await computeService(ops, host), { status: "enabled" });
}

/** Whether nova runs a nova-compute service on this host. */
export async function isComputeHost(ops: InstanceOperations, host: string): Promise<boolean> {
  return (await ops.cloud.infrastructure.services({ binary: "nova-compute", host })).length > 0;
}

async function computeService(ops: InstanceOperations, host: string): Promise<ComputeService> {
  const [service] = await ops.cloud.infrastructure.services({ binary: "nova-compute", host });
  if (service) return service;
  throw new PolyvisorError("HostUnknown", "no nova-compute service runs on this host", {
    where: `host ${host}`,
    fix: "use the compute host name nova knows (`openstack compute service list`)",
  });
}
