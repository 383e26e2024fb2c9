// When an operation fails, say what nova says: the server's fault, and the error events of the
// server's latest instance action (where nova records failed live migrations that leave no fault).

import { PolyvisorError } from "../errors";
import type { OpenStackCloud, Server } from "../openstack";
import type { OperationName } from "./types";

export interface NovaFailure {
  readonly fault?: string;
  readonly action?: string;
}

export async function novaFailure(cloud: OpenStackCloud, serverId: string, server?: Server): Promise<NovaFailure> {
  const current = server ?? (await cloud.servers.getIfExists(serverId).catch(() => undefined));
  const fault = current?.fault ? `${current.fault.code} ${current.fault.message}` : undefined;
  let action: string | undefined;
  try {
    const [latest] = await cloud.servers.actions(serverId);
    if (latest) {
      const detail = await cloud.servers.actionDetail(serverId, latest.request_id);
      const errors = (detail.events ?? []).filter((e) => e.result && e.result !== "Success").map((e) => `${e.event}: ${e.result}`);
      if (latest.message || errors.length > 0) {
        action = `${latest.action} (${latest.request_id})${latest.message ? ` ${latest.message}` : ""}${errors.length ? ` [${errors.join(", ")}]` : ""}`;
      }
    }
  } catch {
    // Instance actions are best effort: the fault above is what matters.
  }
  return { fault, action };
}

export function operationFailed(operation: OperationName, where: string, reason: string, failure: NovaFailure): PolyvisorError {
  const said = [failure.fault ? `nova fault: ${failure.fault}` : undefined, failure.action ? `last action: ${failure.action}` : undefined]
    .filter(Boolean)
    .join("; ");
  return new PolyvisorError("OperationFailed", `${operation} failed: ${reason}${said ? `; ${said}` : "; nova recorded no fault"}`, {
    where,
    fix: "read the fault above; the compute service's log on the server's host has the full trace",
  });
}
