// Power and lifecycle state changes: each is one nova server action and a status to reach.

import { PolyvisorError } from "../../errors";
import { OpenStackApiError } from "../../openstack";
import { imageRef } from "../private/refs";
import { reaches, serverAction, type OperationSpec } from "./spec";

export const POWER_OPERATIONS: readonly OperationSpec[] = [
  serverAction("reboot", "reboot", "Reboot (SOFT, or HARD with --hard)", (c, id, o) => c.servers.reboot(id, o.hard ? "HARD" : "SOFT"), ["ACTIVE"], 300, ["hard"]),
  serverAction("stop", "stop", "Power off", (c, id) => c.servers.stop(id), ["SHUTOFF"]),
  serverAction("start", "start", "Power on", (c, id) => c.servers.start(id), ["ACTIVE"]),
  serverAction("pause", "pause", "Pause in memory", (c, id) => c.servers.pause(id), ["PAUSED"]),
  serverAction("unpause", "unpause", "Unpause", (c, id) => c.servers.unpause(id), ["ACTIVE"]),
  serverAction("suspend", "suspend", "Suspend to disk", (c, id) => c.servers.suspend(id), ["SUSPENDED"]),
  serverAction("resume", "resume", "Resume from suspend", (c, id) => c.servers.resume(id), ["ACTIVE"]),
  // Shelving an image-backed server snapshots it first, so it is gated as a snapshot; unshelving
  // spawns it again, so it is gated as a launch.
  serverAction("shelve", "snapshot", "Shelve (snapshot and release the host)", (c, id) => c.servers.shelve(id), ["SHELVED_OFFLOADED", "SHELVED"], 900),
  serverAction("unshelve", "launch", "Unshelve (spawn again)", (c, id) => c.servers.unshelve(id), ["ACTIVE"], 900),
  {
    name: "rescue",
    gate: "rescue",
    summary: "Boot the rescue image with the server's disk attached",
    requires: [],
    accepts: ["image", "adminPass"],
    defaultTimeoutSeconds: 300,
    async start(ctx, server) {
      const image = ctx.options.image ? await imageRef(ctx.cloud, ctx.options.image, `${ctx.where} --image`) : undefined;
      await ctx.cloud.servers.rescue(server!.id, { imageRef: image, adminPass: ctx.options.adminPass });
      return { before: server! };
    },
    settle: reaches("RESCUE"),
  },
  serverAction("unrescue", "unrescue", "Leave rescue mode", (c, id) => c.servers.unrescue(id), ["ACTIVE"]),
  {
    name: "set-admin-password",
    gate: "set-admin-password",
    summary: "Set the guest's administrator password (through the guest agent)",
    requires: ["adminPass"],
    accepts: ["adminPass"],
    defaultTimeoutSeconds: 120,
    async start(ctx, server) {
      try {
        await ctx.cloud.servers.changePassword(server!.id, ctx.options.adminPass!);
      } catch (err) {
        // libvirt sets the password through the QEMU guest agent; without one nova answers 409.
        if (err instanceof OpenStackApiError && err.status === 409 && /guest agent/i.test(err.serviceMessage ?? "")) {
          throw new PolyvisorError("GuestAgentMissing", `nova cannot set the password: ${err.serviceMessage}`, {
            where: ctx.where,
            fix: "boot from an image with hw_qemu_guest_agent=yes whose guest runs qemu-guest-agent, then retry",
          });
        }
        throw err;
      }
      return { before: server! };
    },
    settle: reaches("ACTIVE"),
  },
  {
    name: "console-log",
    gate: "console-log",
    summary: "Print the serial console log",
    requires: [],
    accepts: ["lines"],
    defaultTimeoutSeconds: 60,
    async start(ctx, server) {
      if (ctx.options.lines !== undefined && !(Number.isInteger(ctx.options.lines) && ctx.options.lines > 0)) {
        throw new PolyvisorError("InvalidOption", "--lines must be a positive integer", { where: ctx.where, value: ctx.options.lines });
      }
      return { before: server!, output: await ctx.cloud.servers.consoleOutput(server!.id, ctx.options.lines) };
    },
    async settle() {
      return "done";
    },
    async verify(_ctx, _server, started) {
      return { output: started.output };
    },
  },
];
