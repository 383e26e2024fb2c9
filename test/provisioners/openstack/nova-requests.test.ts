// The exact requests the nova client sends, recorded by the recording fake of the Nova protocol.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { RecordingFakeOpenStack } from "./support/recording-fake-openstack";

let fake: RecordingFakeOpenStack;
let cloud: OpenStackCloud;
beforeAll(async () => {
  fake = await RecordingFakeOpenStack.start({
    hypervisors: [
      { hostname: "compute-1", hypervisorType: "QEMU" },
      { hostname: "compute-2", hypervisorType: "QEMU" },
    ],
  });
  cloud = new OpenStackCloud(fake.credentials());
});
afterAll(async () => fake.stop());
beforeEach(() => fake.clear());

function lastMutation() {
  const m = fake.mutating();
  return m[m.length - 1];
}

describe("compute microversion", () => {
  test("given a Zed cloud (max 2.93), when the client calls nova, then it sends microversion 2.60 in both headers", async () => {
    await cloud.flavors.list();
    const call = fake.requests.find((r) => r.path === "/flavors/detail")!;
    expect(call.headers["openstack-api-version"]).toBe("compute 2.60");
    expect(call.headers["x-openstack-nova-api-version"]).toBe("2.60");
  });

  test("given a Mitaka cloud (max 2.25), when a server without networks is created, then MicroversionTooOld refuses before POST", async () => {
    const old = await RecordingFakeOpenStack.start({ maxMicroversion: "2.25" });
    try {
      const oldCloud = new OpenStackCloud(old.credentials());
      const err = await oldCloud.servers.create({ name: "x", imageRef: "i", flavorRef: "1" }).catch((e: unknown) => e);
      expect(isPolyvisorError(err, "MicroversionTooOld")).toBe(true);
      expect((err as Error).message).toContain("2.37");
      expect(old.mutating()).toEqual([]);
    } finally {
      await old.stop();
    }
  });
});

describe("server actions", () => {
  const cases: [string, (id: string) => Promise<unknown>, unknown][] = [
    ["reboot SOFT", (id) => cloud.servers.reboot(id, "SOFT"), { reboot: { type: "SOFT" } }],
    ["reboot HARD", (id) => cloud.servers.reboot(id, "HARD"), { reboot: { type: "HARD" } }],
    ["stop", (id) => cloud.servers.stop(id), { "os-stop": null }],
    ["pause", (id) => cloud.servers.pause(id), { pause: null }],
    ["suspend", (id) => cloud.servers.suspend(id), { suspend: null }],
    ["createImage", (id) => cloud.servers.createImage(id, "snap-1"), { createImage: { name: "snap-1", metadata: {} } }],
    ["rescue", (id) => cloud.servers.rescue(id, { imageRef: "img-1" }), { rescue: { rescue_image_ref: "img-1" } }],
    ["resize", (id) => cloud.servers.resize(id, "2"), { resize: { flavorRef: "2" } }],
    ["live migrate, scheduler chooses", (id) => cloud.servers.liveMigrate(id), { "os-migrateLive": { host: null, block_migration: "auto" } }],
    ["live migrate to a host", (id) => cloud.servers.liveMigrate(id, { host: "compute-2", blockMigration: false }), { "os-migrateLive": { host: "compute-2", block_migration: false } }],
    ["evacuate", (id) => cloud.servers.evacuate(id, { host: "compute-2" }), { evacuate: { host: "compute-2" } }],
    ["changePassword", (id) => cloud.servers.changePassword(id, "n3w-pass"), { changePassword: { adminPass: "n3w-pass" } }],
  ];

  test.each(cases)("given an ACTIVE server, when %s is called, then nova gets POST /servers/{id}/action with its body", async (_name, call, body) => {
    const server = fake.nova.addServer(`srv-${Math.random()}`);
    await call(server.id);
    expect(lastMutation()).toMatchObject({ method: "POST", path: `/servers/${server.id}/action`, body });
  });

  test("given a snapshot request, when nova answers with image_id (2.45+), then createImage returns that id", async () => {
    const server = fake.nova.addServer("snap-src");
    const imageId = await cloud.servers.createImage(server.id, "snap-2");
    expect(fake.nova.images.get(imageId)?.name).toBe("snap-2");
  });

  test("given a paused-only action on a stopped server, when nova refuses, then ApiConflict carries nova's message", async () => {
    const server = fake.nova.addServer("stopped", { status: "SHUTOFF" });
    const err = await cloud.servers.pause(server.id).catch((e: unknown) => e);
    expect(isPolyvisorError(err, "ApiConflict")).toBe(true);
    expect((err as Error).message).toContain(`Cannot 'pause' instance ${server.id} while it is in vm_state shutoff`);
    expect((err as Error).message).toContain(`POST /compute/v2.1/servers/${server.id}/action`);
  });

  test("given a console log request for 2 lines, then nova gets os-getConsoleOutput with length 2 and the output comes back", async () => {
    const server = fake.nova.addServer("console");
    const out = await cloud.servers.consoleOutput(server.id, 2);
    expect(lastMutation().body).toEqual({ "os-getConsoleOutput": { length: 2 } });
    expect(out).toBe("fake console line 2\nlogin:");
  });
});

describe("servers and hosts", () => {
  test("given a server name, when find is called, then nova is asked with an anchored, escaped name filter", async () => {
    fake.nova.addServer("web.1");
    const found = await cloud.servers.find("web.1");
    expect(found.name).toBe("web.1");
    const list = fake.requests.find((r) => r.path === "/servers/detail")!;
    expect(list.query).toEqual({ name: "^web\\.1$", all_tenants: "true" });
  });

  test("given an unknown name, when find is called, then ServerNotFound names it", async () => {
    await expect(cloud.servers.find("nope")).rejects.toThrow(/ServerNotFound.*"nope"/);
  });

  test("given no networks, when a server is created, then nova gets networks: none", async () => {
    await cloud.servers.create({ name: "n", imageRef: "img", flavorRef: "1" });
    expect(lastMutation()).toMatchObject({ method: "POST", path: "/servers", body: { server: { name: "n", imageRef: "img", flavorRef: "1", networks: "none" } } });
  });

  test("given volume ids, when swapping, then nova gets PUT on the old attachment with the new volume id", async () => {
    const server = fake.nova.addServer("vol");
    const oldV = fake.nova.addVolume("old");
    const newV = fake.nova.addVolume("new");
    await cloud.volumeAttachments.attach(server.id, oldV.id);
    await cloud.volumes.volume(oldV.id);
    await cloud.volumeAttachments.swap(server.id, oldV.id, newV.id);
    expect(lastMutation()).toMatchObject({
      method: "PUT",
      path: `/servers/${server.id}/os-volume_attachments/${oldV.id}`,
      body: { volumeAttachment: { volumeId: newV.id } },
    });
  });

  test("given microversion 2.60, when disabling a compute service, then it is PUT by id with a reason", async () => {
    const [svc] = await cloud.infrastructure.services({ binary: "nova-compute" });
    await cloud.infrastructure.updateService(svc, { status: "disabled", disabledReason: "polyvisor drain" });
    expect(lastMutation()).toMatchObject({ method: "PUT", path: `/os-services/${svc.id}`, body: { status: "disabled", disabled_reason: "polyvisor drain" } });
  });

  test("given maintenance mode, when set, then os-hosts is called at microversion 2.42 (the API ends there)", async () => {
    const answer = await cloud.infrastructure.setMaintenanceMode("compute-1", true);
    expect(answer).toEqual({ host: "compute-1", maintenance_mode: "on_maintenance" });
    expect(lastMutation().headers["openstack-api-version"]).toBe("compute 2.42");
  });

  test("given an aggregate, when metadata and a host are added, then nova gets set_metadata and add_host actions", async () => {
    await cloud.aggregates.setMetadata(1, { hypervisor: "qemu" });
    expect(lastMutation()).toMatchObject({ method: "POST", path: "/os-aggregates/1/action", body: { set_metadata: { metadata: { hypervisor: "qemu" } } } });
    await cloud.aggregates.addHost(1, "compute-1");
    expect(lastMutation()).toMatchObject({ body: { add_host: { host: "compute-1" } } });
  });
});
