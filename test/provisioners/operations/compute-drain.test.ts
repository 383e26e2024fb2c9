import { describe, expect, test } from "vitest";
import { ComputeDrainHook, type ComputeDrainEvent } from "../../../provisioners/operations";
import { useDrainFake } from "./support/drain-fake";

const env = useDrainFake();

const host = (name: string) => ({ name, address: "192.0.2.1" });
const noSession = undefined as never;

describe("ComputeDrainHook", () => {
  test("given a guest on qemu-a, when the hook drains and undrains qemu-a, then the service is disabled, the guest moves, and the service is enabled again", async () => {
    const guest = env.fake.nova.addServer("roll-1", { host: "qemu-a" });
    const events: ComputeDrainEvent[] = [];
    const hook = new ComputeDrainHook(env.ops, { targetHostOf: () => "qemu-b", onEvent: (e) => events.push(e) });
    await hook.drain(host("qemu-a"), noSession, []);
    await hook.undrain(host("qemu-a"), noSession);
    expect(events.map((e) => e.kind)).toEqual(["drained", "enabled"]);
    const writes = env.fake.mutating().map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`);
    expect(writes[0]).toMatch(/^PUT \/os-services\/\S+ .*"status":"disabled".*changing qemu-a/);
    expect(writes[1]).toBe(`POST /servers/${guest.id}/action {"os-migrateLive":{"host":"qemu-b","block_migration":"auto"}}`);
    expect(writes.at(-1)).toMatch(/^PUT \/os-services\/\S+ \{"status":"enabled"\}$/);
  });

  test("given a host nova runs no compute service on, when drained, then nothing is sent and the event says why", async () => {
    const events: ComputeDrainEvent[] = [];
    const hook = new ComputeDrainHook(env.ops, { onEvent: (e) => events.push(e) });
    await hook.drain(host("controller-1"), noSession, []);
    await hook.undrain(host("controller-1"), noSession);
    expect(events).toEqual([{ kind: "not-a-compute-host", host: "controller-1" }]);
    expect(env.fake.mutating()).toEqual([]);
  });

  test("given a guest on an LXC host, when drained, then the refusal stops the host's change and undrain enables nothing", async () => {
    env.fake.nova.addServer("ct-roll", { host: "lxc-a" });
    const hook = new ComputeDrainHook(env.ops);
    await expect(hook.drain(host("lxc-a"), noSession, [])).rejects.toThrow(/OperationNotSupported/);
    await hook.undrain(host("lxc-a"), noSession);
    expect(env.fake.mutating()).toEqual([]);
  });

  test("given a guest nova refuses to live-migrate (SHUTOFF), when the drain fails half way, then the hook enables the host again before the error surfaces", async () => {
    env.fake.nova.addServer("moves", { host: "qemu-b" });
    env.fake.nova.addServer("stays-off", { host: "qemu-b", status: "SHUTOFF" });
    const events: ComputeDrainEvent[] = [];
    const hook = new ComputeDrainHook(env.ops, { targetHostOf: () => "qemu-a", onEvent: (e) => events.push(e) });
    await expect(hook.drain(host("qemu-b"), noSession, [])).rejects.toThrow(/409|vm_state shutoff/);
    expect(events.map((e) => e.kind)).toEqual(["enabled"]);
    expect(env.fake.mutating().at(-1)).toMatchObject({ method: "PUT", body: { status: "enabled" } });
  });
});
