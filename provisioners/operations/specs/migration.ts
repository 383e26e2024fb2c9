// Moving servers: resize (with confirm or revert), live migration, evacuation, and the host-level
// maintenance mode.

import { PolyvisorError } from "../../errors";
import type { Server } from "../../openstack";
import { flavorRef } from "../private/refs";
import type { OperationOptions, Started } from "../types";
import type { Settled } from "../wait";
import { hostOf, reaches, settledAt, type OperationContext, type OperationSpec } from "./spec";

/** Resizes whose confirm or revert has been sent (so a slow poll does not send it twice). */
const followedUp = new WeakSet<Started>();

function flavorName(server: Server | undefined): string | undefined {
  return server?.flavor.original_name ?? server?.flavor.id;
}

/** Settled once the server is back to its old status on a different host (or on `host`). */
function movedAway(ctx: OperationContext, server: Server | undefined, started: Started): Settled {
  const settled = settledAt(server, [started.before.status === "SHUTOFF" ? "SHUTOFF" : "ACTIVE"]);
  if (settled !== "done") return settled;
  const from = hostOf(started.before);
  const to = hostOf(server!);
  if (to === from) return { failed: `the server is still on ${from}: nova did not move it` };
  if (ctx.options.host && to !== ctx.options.host) return { failed: `the server went to ${to}, not to ${ctx.options.host}` };
  return "done";
}

async function moved(_ctx: OperationContext, server: Server | undefined, started: Started) {
  return { fromHost: hostOf(started.before), host: server ? hostOf(server) : null };
}

/** "pending" while nova has not picked the resize up; failed once its instance action failed. */
async function resizeGaveUp(ctx: OperationContext, server: Server): Promise<Settled> {
  const [latest] = await ctx.cloud.servers.actions(server.id);
  if (!latest || latest.action !== "resize") return "pending";
  const detail = await ctx.cloud.servers.actionDetail(server.id, latest.request_id);
  const failed = (detail.events ?? []).filter((e) => e.result === "Error").map((e) => e.event);
  if (failed.length === 0 && latest.message !== "Error") return "pending";
  return { failed: `nova gave up on the resize (${failed.join(", ") || latest.message}); the server kept flavor ${flavorName(server)}` };
}

export const MIGRATION_OPERATIONS: readonly OperationSpec[] = [
  {
    name: "resize",
    gate: "resize",
    summary: "Resize to another flavor, then confirm (default) or revert",
    requires: ["flavor"],
    accepts: ["flavor", "then"],
    defaultTimeoutSeconds: 900,
    async start(ctx, server) {
      const flavor = await flavorRef(ctx.cloud, ctx.options.flavor!, `${ctx.where} --flavor`);
      await ctx.cloud.servers.resize(server!.id, flavor.id);
      return { before: server!, flavorName: flavor.name };
    },
    async settle(ctx, server, started) {
      const then = ctx.options.then ?? "confirm";
      const atVerify = settledAt(server, ["VERIFY_RESIZE"]);
      if (atVerify === "done" && then !== "none") {
        if (followedUp.has(started)) return "pending";
        followedUp.add(started);
        await (then === "confirm" ? ctx.cloud.servers.confirmResize(server!.id) : ctx.cloud.servers.revertResize(server!.id));
        return "pending";
      }
      if (atVerify === "done") return "done";
      const back = settledAt(server, [started.before.status]);
      if (back !== "done") return back;
      // Back at rest without ever reaching VERIFY_RESIZE: nova gave up on the resize (the server
      // keeps its old status; the failure is only in the instance action).
      if (!followedUp.has(started)) return resizeGaveUp(ctx, server!);
      const want = then === "confirm" ? started.flavorName : flavorName(started.before);
      return flavorName(server) !== want ? "pending" : "done";
    },
    async verify(ctx, server) {
      return { flavor: flavorName(server), host: server ? hostOf(server) : null };
    },
  },
  {
    name: "confirm-resize",
    gate: "resize",
    summary: "Confirm a resize left in VERIFY_RESIZE",
    requires: [],
    accepts: [],
    defaultTimeoutSeconds: 300,
    async start(ctx, server) {
      await ctx.cloud.servers.confirmResize(server!.id);
      return { before: server! };
    },
    settle: reaches("ACTIVE", "SHUTOFF"),
  },
  {
    name: "revert-resize",
    gate: "resize",
    summary: "Revert a resize left in VERIFY_RESIZE",
    requires: [],
    accepts: [],
    defaultTimeoutSeconds: 600,
    async start(ctx, server) {
      await ctx.cloud.servers.revertResize(server!.id);
      return { before: server! };
    },
    settle: reaches("ACTIVE", "SHUTOFF"),
  },
  {
    name: "live-migrate",
    gate: "live-migrate",
    summary: "Live-migrate to --host, or to a host the scheduler chooses",
    requires: [],
    accepts: ["host", "blockMigration"],
    defaultTimeoutSeconds: 900,
    async start(ctx, server) {
      await ctx.cloud.servers.liveMigrate(server!.id, { host: ctx.options.host, blockMigration: ctx.options.blockMigration });
      return { before: server! };
    },
    async settle(ctx, server, started) {
      return movedAway(ctx, server, started);
    },
    verify: moved,
  },
  {
    name: "evacuate",
    gate: "evacuate",
    summary: "Rebuild the server on another host after its host went down",
    requires: [],
    accepts: ["host"],
    defaultTimeoutSeconds: 900,
    async start(ctx, server) {
      await ctx.cloud.servers.evacuate(server!.id, { host: ctx.options.host });
      return { before: server! };
    },
    async settle(ctx, server, started) {
      return movedAway(ctx, server, started);
    },
    verify: moved,
  },
  {
    name: "maintenance-mode",
    gate: "maintenance-mode",
    summary: "Put the server's host (or --host) into maintenance mode (--enable false leaves it)",
    requires: [],
    accepts: ["host", "enable"],
    defaultTimeoutSeconds: 60,
    hostLevel: true,
    async start(ctx, server) {
      const host = maintenanceHost(ctx.options, server!, ctx.where);
      const maintenance = await ctx.cloud.infrastructure.setMaintenanceMode(host, ctx.options.enable ?? true);
      return { before: server!, maintenance };
    },
    async settle() {
      return "done";
    },
    async verify(ctx, server) {
      return { host: maintenanceHost(ctx.options, server!, ctx.where) };
    },
  },
];

function maintenanceHost(options: OperationOptions, server: Server, where: string): string {
  const host = options.host ?? hostOf(server);
  if (host) return host;
  throw new PolyvisorError("HostUnknown", "the server's host is not visible to these credentials", {
    where,
    fix: "pass --host, or use credentials with the admin role",
  });
}
