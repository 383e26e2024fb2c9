// Launching the server of a polyvisor_instance so that a failed build is never recorded as created.
// InstanceOperations.run("launch") leaves a server that went to ERROR behind and does not say its
// id, so the provider cannot take it back; this adapter makes the same calls through the public
// API (gate, create, wait for ACTIVE, nova's fault) and deletes the server when the build fails.
// Asked of provisioners/operations (see the provider's report): launch that reports the server id
// on failure, or an option to delete it. Loaded lazily (it pulls in the driver layer).
import { assertOperationSupported, type DriverId, type Release } from "../../../provisioners/drivers";
import { isPolyvisorError, PolyvisorError } from "../../../provisioners/errors";
import type { NewServer, OpenStackCloud, Server } from "../../../provisioners/openstack";
import { novaFailure, resolveDrivers, settledAt, waitUntil, WaitFailed, type ProgressListener } from "../../../provisioners/operations";

export interface LaunchRequest {
  readonly server: NewServer;
  /** Driver the server must land on (gated before the request, checked after). */
  readonly driver?: DriverId;
  /** Needed with `driver`. */
  readonly release?: Release;
  readonly timeoutMs: number;
  readonly pollIntervalMs?: number;
  readonly onProgress?: ProgressListener;
}

/** A build that failed, after the failed server was deleted again. */
export class BuildFailed extends PolyvisorError {}

export async function launchServer(cloud: OpenStackCloud, req: LaunchRequest): Promise<Server> {
  if (req.driver && req.release) assertOperationSupported(req.driver, "launch", req.release);
  const t0 = Date.now();
  const created = await cloud.servers.create(req.server);
  const where = `server ${req.server.name} (${created.id})`;
  let last: Server | undefined = created;
  try {
    await waitUntil(
      async () => {
        last = await cloud.servers.getIfExists(created.id);
        return { settled: settledAt(last, ["ACTIVE"]), description: last ? last.status : "gone" };
      },
      {
        timeoutMs: req.timeoutMs,
        intervalMs: req.pollIntervalMs,
        what: "launch",
        where,
        onPoll: (description) => req.onProgress?.({ operation: "launch", phase: "wait", message: `launch: ${description}`, elapsedMs: Date.now() - t0 }),
      },
    );
  } catch (err) {
    if (!(err instanceof WaitFailed || isPolyvisorError(err, "OperationTimedOut"))) throw err;
    const failure = await novaFailure(cloud, created.id, last);
    const reason = err instanceof WaitFailed ? err.reason : err.message;
    const said = [failure.fault && `nova fault: ${failure.fault}`, failure.action && `last action: ${failure.action}`].filter(Boolean).join("; ");
    throw await discard(cloud, created.id, where, `the build failed: ${reason}${said ? `; ${said}` : "; nova recorded no fault"}`, req);
  }
  const server = last as Server;
  if (req.driver) {
    const landed = await resolveDrivers(cloud, server, {});
    if (!landed.includes(req.driver)) {
      throw await discard(cloud, created.id, `${where} on ${server["OS-EXT-SRV-ATTR:host"] ?? "?"}`, `it landed on a ${landed.join("/")} host, not on ${req.driver}`, req);
    }
  }
  return server;
}

/** Deletes the server that is not what was asked for, and says what happened to it. */
async function discard(cloud: OpenStackCloud, id: string, where: string, reason: string, req: LaunchRequest): Promise<BuildFailed> {
  let outcome = "it was deleted; nothing was recorded in terraform state";
  try {
    await deleteServer(cloud, id, req.timeoutMs, req.pollIntervalMs);
  } catch (err) {
    outcome = `deleting it failed too (${(err as Error).message}): delete it by hand (openstack server delete ${id})`;
  }
  return new BuildFailed("BuildFailed", `${reason}; ${outcome}`, {
    where,
    fix: "read nova's fault above (the compute service's log on the host has the full trace); fix the image, flavor or host and apply again",
  });
}

/** Deletes a server and waits until nova no longer knows it (a 404 on delete is success). */
export async function deleteServer(cloud: OpenStackCloud, id: string, timeoutMs: number, pollIntervalMs?: number): Promise<void> {
  try {
    await cloud.servers.delete(id);
  } catch (err) {
    if (isPolyvisorError(err, "ApiNotFound")) return;
    throw err;
  }
  await waitUntil(
    async () => {
      const s = await cloud.servers.getIfExists(id);
      if (!s || s.status === "DELETED" || s.status === "SOFT_DELETED") return { settled: "done", description: "gone" };
      return { settled: "pending", description: s.status };
    },
    { timeoutMs, intervalMs: pollIntervalMs, what: "delete", where: `server ${id}` },
  );
}
