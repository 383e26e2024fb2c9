// Creating, snapshotting and deleting servers.

import { flavorRef, imageRef } from "../private/refs";
import { reaches, type OperationSpec } from "./spec";

export const LIFECYCLE_OPERATIONS: readonly OperationSpec[] = [
  {
    name: "launch",
    gate: "launch",
    summary: "Create a server and wait until it is ACTIVE",
    requires: ["image", "flavor"],
    accepts: ["image", "flavor", "networks", "availabilityZone"],
    defaultTimeoutSeconds: 600,
    createsServer: true,
    async start(ctx, _server, name) {
      const o = ctx.options;
      const [image, flavor] = await Promise.all([
        imageRef(ctx.cloud, o.image!, `${name} --image`),
        flavorRef(ctx.cloud, o.flavor!, `${name} --flavor`),
      ]);
      const before = await ctx.cloud.servers.create({
        name,
        imageRef: image,
        flavorRef: flavor.id,
        networks: o.networks,
        ...(o.availabilityZone ? { availability_zone: o.availabilityZone } : {}),
      });
      return { before };
    },
    settle: reaches("ACTIVE"),
  },
  {
    name: "terminate",
    gate: "terminate",
    summary: "Delete the server and wait until nova no longer knows it",
    requires: [],
    accepts: [],
    defaultTimeoutSeconds: 300,
    async start(ctx, server) {
      await ctx.cloud.servers.delete(server!.id);
      return { before: server! };
    },
    async settle(_ctx, server) {
      // SOFT_DELETED: the cloud keeps deleted servers for a while (reclaim_instance_interval).
      if (!server || server.status === "DELETED" || server.status === "SOFT_DELETED") return "done";
      return server.status === "ERROR" && server["OS-EXT-STS:task_state"] === null ? { failed: "deletion left the server in ERROR" } : "pending";
    },
  },
  {
    name: "snapshot",
    gate: "snapshot",
    summary: "Snapshot the server to a new Glance image and wait until the image is active",
    requires: [],
    accepts: ["imageName"],
    defaultTimeoutSeconds: 900,
    async start(ctx, server) {
      const name = ctx.options.imageName ?? `${server!.name}-snapshot-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      return { before: server!, imageId: await ctx.cloud.servers.createImage(server!.id, name) };
    },
    async settle(ctx, server, started) {
      const serverDone = await reaches(started.before.status)(ctx, server);
      if (serverDone !== "done") return serverDone;
      const image = await ctx.cloud.images.getIfExists(started.imageId!);
      if (!image || image.status === "killed" || image.status === "deleted") {
        return { failed: `the snapshot image ${started.imageId} is ${image?.status ?? "gone"}` };
      }
      return image.status === "active" ? "done" : "pending";
    },
    async verify(_ctx, _server, started) {
      return { imageId: started.imageId };
    },
  },
];
