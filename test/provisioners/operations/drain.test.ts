import { describe, expect, test } from "vitest";
import { drainHost, enableHost } from "../../../provisioners/operations";
import { useDrainFake } from "./support/drain-fake";

const env = useDrainFake();

describe("drainHost", () => {
  test("given two guests on qemu-a, when drained to qemu-b, then the service is disabled first and both guests move", async () => {
    const g1 = env.fake.nova.addServer("g1", { host: "qemu-a" });
    const g2 = env.fake.nova.addServer("g2", { host: "qemu-a" });
    const result = await drainHost(env.ops, "qemu-a", { targetHost: "qemu-b" });
    expect(result.migrated.map((m) => `${m.server.name}:${m.fromHost}->${m.host}`)).toEqual(["g1:qemu-a->qemu-b", "g2:qemu-a->qemu-b"]);
    const writes = env.fake.mutating().map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual(["PUT /os-services/svc-0", `POST /servers/${g1.id}/action`, `POST /servers/${g2.id}/action`]);
    expect(env.fake.mutating()[0].body).toEqual({ status: "disabled", disabled_reason: "polyvisor: draining for a rolling change" });
    await enableHost(env.ops, "qemu-a");
    expect(env.fake.mutating().at(-1)).toMatchObject({ path: "/os-services/svc-0", body: { status: "enabled" } });
  });

  test("given a guest on an LXC host, when drained, then the refusal comes before the service is disabled", async () => {
    env.fake.nova.addServer("ct", { host: "lxc-a" });
    await expect(drainHost(env.ops, "lxc-a")).rejects.toThrow(/OperationNotSupported.*libvirt-lxc cannot live-migrate/);
    expect(env.fake.mutating()).toEqual([]);
  });
});
