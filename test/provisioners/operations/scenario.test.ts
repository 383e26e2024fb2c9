// The issue-6 scenario over the recording fake of the Nova/Keystone protocol: every QEMU operation
// in order through the one call path, and the LXC refusals next to what nova says when asked
// directly. The end-to-end test runs the same scenario module against the real Zed cloud.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { InstanceOperations } from "../../../provisioners/operations";
import { RecordingFakeOpenStack } from "../openstack/support/recording-fake-openstack";
import { QEMU_SCENARIO, askNovaDirectly, runScenario } from "./support/instance-scenario";

let fake: RecordingFakeOpenStack;
let cloud: OpenStackCloud;
beforeAll(async () => {
  fake = await RecordingFakeOpenStack.start({
    hypervisors: [
      { hostname: "qemu-1", hypervisorType: "QEMU" },
      { hostname: "qemu-2", hypervisorType: "QEMU" },
      { hostname: "lxc-1", hypervisorType: "LXC" },
    ],
  });
  cloud = new OpenStackCloud(fake.credentials());
});
afterAll(async () => fake.stop());

describe("issue 6 scenario", () => {
  test("given a two-host QEMU cloud with volumes, when the QEMU scenario runs, then every step ends in its expected status", async () => {
    const ops = new InstanceOperations(cloud, { pollIntervalMs: 5, driverByHost: { "qemu-1": "libvirt-qemu-x86", "qemu-2": "libvirt-qemu-x86" } });
    const outcomes = await runScenario(ops, QEMU_SCENARIO, {
      serverName: "scenario-vm",
      image: "cirros",
      flavor: "m1.tiny",
      biggerFlavor: "m1.small",
      networks: ["net-1"],
      otherHost: "qemu-2",
      volumeA: fake.nova.addVolume("vol-a").id,
      volumeB: fake.nova.addVolume("vol-b").id,
      adminPass: "Scenario-Pass-1",
    });
    expect(outcomes.filter((o) => o.skippedBecause)).toEqual([]);
    expect(outcomes.map((o) => `${o.step.op}:${o.result?.status}`)).toEqual(QEMU_SCENARIO.map((s) => `${s.op}:${s.expectStatus}`));
    expect(outcomes.every((o) => o.result?.drivers.join() === "libvirt-qemu-x86")).toBe(true);
  });

  test("given the scenario without a second host or volumes, then those steps are reported as not run, with the reason", async () => {
    const ops = new InstanceOperations(cloud, { pollIntervalMs: 5 });
    const outcomes = await runScenario(ops, QEMU_SCENARIO, { serverName: "scenario-small", image: "cirros", flavor: "m1.tiny", biggerFlavor: "m1.small", networks: ["n"] });
    expect(outcomes.filter((o) => o.skippedBecause).map((o) => o.step.op)).toEqual(["live-migrate", "live-migrate", "attach-volume", "swap-volume", "detach-volume", "set-admin-password"]);
  });

  test.each(["suspend", "rescue", "snapshot", "live-migrate"] as const)(
    "given a guest on LXC, when %s is asked, then polyvisor refuses with nothing sent, while the same request sent to nova directly goes out",
    async (op) => {
      const guest = fake.nova.addServer(`ct-${op}`, { host: "lxc-1" });
      const ops = new InstanceOperations(cloud, { pollIntervalMs: 5 });
      fake.clear();
      await expect(ops.run(op, guest.id, op === "live-migrate" ? { host: "qemu-1" } : {})).rejects.toThrow(/OperationNotSupported/);
      expect(fake.mutating()).toEqual([]);
      const body = { suspend: { suspend: null }, rescue: { rescue: {} }, snapshot: { createImage: { name: "x" } }, "live-migrate": { "os-migrateLive": { host: null, block_migration: "auto" } } }[op];
      // What nova then does with it (accept and fail in nova-compute, or refuse) is recorded by the
      // end-to-end test on the real cloud; the fake only shows the request leaves without polyvisor.
      await askNovaDirectly(cloud, guest.id, body);
      expect(fake.mutating().map((r) => r.body)).toEqual([body]);
    },
  );
});
