import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { InstanceOperations, gatePowerPlan, planPowerState } from "../../../provisioners/operations";
import { RecordingFakeOpenStack } from "../openstack/support/recording-fake-openstack";

describe("planPowerState", () => {
  test.each([
    ["ACTIVE", "active", []],
    ["ACTIVE", "shutoff", ["stop"]],
    ["ACTIVE", "suspended", ["suspend"]],
    ["PAUSED", "shutoff", ["unpause", "stop"]],
    ["SUSPENDED", "paused", ["resume", "pause"]],
    ["SHUTOFF", "shelved", ["shelve"]],
    ["SHELVED_OFFLOADED", "shutoff", ["unshelve", "stop"]],
    ["RESCUE", "active", ["unrescue"]],
    ["RESCUE", "paused", ["unrescue", "pause"]],
    ["VERIFY_RESIZE", "shutoff", ["confirm-resize", "stop"]],
  ] as const)("given nova status %s, when %s is desired, then the steps are %j", (status, desired, steps) => {
    expect(planPowerState(status, desired).steps).toEqual(steps);
  });

  test.each(["BUILD", "MIGRATING", "REBOOT", "RESIZE"] as const)("given the transitional status %s, then the plan waits first", (status) => {
    expect(planPowerState(status, "active")).toMatchObject({ waitFirst: true, steps: [] });
  });

  test("given ERROR, then PowerStateUnreachable says how to recover", () => {
    expect(() => planPowerState("ERROR", "active")).toThrow(/PowerStateUnreachable.*server set --state active/);
  });

  test("given an unknown desired state, then InvalidPowerState lists the allowed ones", () => {
    expect(() => planPowerState("ACTIVE", "hibernated")).toThrow(/InvalidPowerState.*active, shutoff, paused, suspended, shelved/);
  });

  test("given LXC, when suspended is desired, then the plan is refused before any step", () => {
    let err: unknown;
    try {
      gatePowerPlan(planPowerState("ACTIVE", "suspended"), ["libvirt-lxc"], "zed");
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "OperationNotSupported")).toBe(true);
  });
});

describe("convergePowerState", () => {
  let fake: RecordingFakeOpenStack;
  beforeAll(async () => (fake = await RecordingFakeOpenStack.start()));
  afterAll(async () => fake.stop());

  test("given a paused server, when shutoff is declared, then unpause and stop run through the call path", async () => {
    const server = fake.nova.addServer("declared", { status: "PAUSED" });
    fake.clear();
    const ops = new InstanceOperations(new OpenStackCloud(fake.credentials()), { pollIntervalMs: 5 });
    const results = await ops.convergePowerState("declared", "shutoff");
    expect(results.map((r) => `${r.operation}:${r.status}`)).toEqual(["unpause:ACTIVE", "stop:SHUTOFF"]);
    expect(fake.mutating().map((r) => r.body)).toEqual([{ unpause: null }, { "os-stop": null }]);
    expect(server.status).toBe("SHUTOFF");
  });

  test("given a server on LXC, when shelved is declared, then nothing is sent (shelve snapshots, LXC cannot)", async () => {
    const lxc = await RecordingFakeOpenStack.start({ hypervisors: [{ hostname: "lxc-1", hypervisorType: "LXC" }] });
    try {
      lxc.nova.addServer("container");
      const ops = new InstanceOperations(new OpenStackCloud(lxc.credentials()), { pollIntervalMs: 5 });
      await expect(ops.convergePowerState("container", "shelved")).rejects.toThrow(/OperationNotSupported.*libvirt-lxc cannot snapshot/);
      expect(lxc.mutating()).toEqual([]);
    } finally {
      await lxc.stop();
    }
  });
});
