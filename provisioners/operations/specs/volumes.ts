// Volume attachment: attach, detach and swap, each waiting for cinder to agree.

import type { Server, Volume } from "../../openstack";
import { volumeRef } from "../private/refs";
import type { Settled } from "../wait";
import { settledAt, type OperationContext, type OperationSpec } from "./spec";

function attachedTo(volume: Volume | undefined, serverId: string): boolean {
  return volume?.status === "in-use" && volume.attachments.some((a) => a.server_id === serverId);
}

async function volumeSettled(
  ctx: OperationContext,
  server: Server | undefined,
  before: Server,
  checks: readonly { readonly id: string; readonly attached: boolean }[],
): Promise<Settled> {
  const serverSettled = settledAt(server, [before.status]);
  if (serverSettled !== "done") return serverSettled;
  for (const check of checks) {
    const volume = await ctx.cloud.volumes.volumeIfExists(check.id);
    if (!volume) return { failed: `volume ${check.id} disappeared` };
    if (volume.status.startsWith("error")) return { failed: `volume ${check.id} went to ${volume.status}` };
    const ok = check.attached ? attachedTo(volume, before.id) : volume.status === "available";
    if (!ok) return "pending";
  }
  return "done";
}

export const VOLUME_OPERATIONS: readonly OperationSpec[] = [
  {
    name: "attach-volume",
    gate: "attach-volume",
    summary: "Attach --volume and wait until cinder shows it in-use by the server",
    requires: ["volume"],
    accepts: ["volume", "device"],
    defaultTimeoutSeconds: 300,
    async start(ctx, server) {
      const volume = await volumeRef(ctx.cloud, ctx.options.volume!, `${ctx.where} --volume`);
      await ctx.cloud.volumeAttachments.attach(server!.id, volume, ctx.options.device);
      return { before: server!, volumeIds: [volume] };
    },
    async settle(ctx, server, started) {
      return volumeSettled(ctx, server, started.before, [{ id: started.volumeIds![0], attached: true }]);
    },
  },
  {
    name: "detach-volume",
    gate: "detach-volume",
    summary: "Detach --volume and wait until cinder shows it available",
    requires: ["volume"],
    accepts: ["volume"],
    defaultTimeoutSeconds: 300,
    async start(ctx, server) {
      const volume = await volumeRef(ctx.cloud, ctx.options.volume!, `${ctx.where} --volume`);
      await ctx.cloud.volumeAttachments.detach(server!.id, volume);
      return { before: server!, volumeIds: [volume] };
    },
    async settle(ctx, server, started) {
      return volumeSettled(ctx, server, started.before, [{ id: started.volumeIds![0], attached: false }]);
    },
  },
  {
    name: "swap-volume",
    gate: "swap-volume",
    summary: "Move the data of --volume to --new-volume and attach that one instead",
    requires: ["volume", "newVolume"],
    accepts: ["volume", "newVolume"],
    defaultTimeoutSeconds: 900,
    async start(ctx, server) {
      const [oldId, newId] = await Promise.all([
        volumeRef(ctx.cloud, ctx.options.volume!, `${ctx.where} --volume`),
        volumeRef(ctx.cloud, ctx.options.newVolume!, `${ctx.where} --new-volume`),
      ]);
      await ctx.cloud.volumeAttachments.swap(server!.id, oldId, newId);
      return { before: server!, volumeIds: [oldId, newId] };
    },
    async settle(ctx, server, started) {
      const [oldId, newId] = started.volumeIds!;
      return volumeSettled(ctx, server, started.before, [
        { id: newId, attached: true },
        { id: oldId, attached: false },
      ]);
    },
  },
];
