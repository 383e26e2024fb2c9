import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { InstanceOperations, drainHost, enableHost } from "../../../provisioners/operations";
import { RecordingFakeOpenStack } from "../openstack/support/recording-fake-openstack";

let fake: RecordingFakeOpenStack;
let ops: InstanceOperations;
beforeAll(async () => {
  fake = await RecordingFakeOpenStack.start({
    hypervisors: [
      { hostname: "qemu-a", hypervisorType: "QEMU" },
      { hostname: "qemu-b", hypervisorType: "QEMU" },
      { hostname: "lxc-a", hypervisorType: "LXC" },
    ],
  });
  ops = new InstanceOperations(new OpenStackCloud(fake.credentials()), { pollIntervalMs: 5 });
});
afterAll(async () => fake.stop());
beforeEach(() => fake.clear());

describe("drainHost", () => {
  test("given two guests on qemu-a, when drained to qemu-b, then the service is disabled first and both guests move", async () => {
    const g1 = fake.nova.addServer("g1", { host: "qemu-a" });
    const g2 = fake.nova.addServer("g2", { host: "qemu-a" });
    const result = await drainHost(ops, "qemu-a", { targetHost: "qemu-b" });
    expect(result.migrated.map((m) => `${m.server.name}:${m.fromHost}->${m.host}`)).toEqual(["g1:qemu-a->qemu-b", "g2:qemu-a->qemu-b"]);
    const writes = fake.mutating().map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual(["PUT /os-services/svc-0", `POST /servers/${g1.id}/action`, `POST /servers/${g2.id}/action`]);
    expect(fake.mutating()[0].body).toEqual({ status: "disabled", disabled_reason: "polyvisor: draining for a rolling change" });
    await enableHost(ops, "qemu-a");
    expect(fake.mutating().at(-1)).toMatchObject({ path: "/os-services/svc-0", body: { status: "enabled" } });
  });

  test("given a guest on an LXC host, when drained, then the refusal comes before the service is disabled", async () => {
    fake.nova.addServer("ct", { host: "lxc-a" });
    await expect(drainHost(ops, "lxc-a")).rejects.toThrow(/OperationNotSupported.*libvirt-lxc cannot live-migrate/);
    expect(fake.mutating()).toEqual([]);
  });
});
