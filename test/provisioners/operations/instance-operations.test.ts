// The shared call path: driver found from the hypervisor, release from the compute API, the gate
// before any change, waiting with progress, and nova's fault on failure. Against the recording fake
// of the Nova/Keystone protocol (the real Zed cloud runs the same path in the end-to-end test).

import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { InstanceOperations, type ProgressEvent } from "../../../provisioners/operations";
import { RecordingFakeOpenStack } from "../openstack/support/recording-fake-openstack";

let fake: RecordingFakeOpenStack;
let cloud: OpenStackCloud;
beforeAll(async () => {
  fake = await RecordingFakeOpenStack.start({
    hypervisors: [
      { hostname: "qemu-1", hypervisorType: "QEMU", arch: "x86_64" },
      { hostname: "qemu-2", hypervisorType: "QEMU", arch: "x86_64" },
      { hostname: "lxc-1", hypervisorType: "LXC", arch: "x86_64" },
    ],
  });
  cloud = new OpenStackCloud(fake.credentials());
});
afterAll(async () => fake.stop());
beforeEach(() => {
  fake.clear();
  fake.nova.failingActions.clear();
  fake.nova.stuckActions.clear();
});

const ops = (settings = {}) => new InstanceOperations(cloud, { pollIntervalMs: 5, ...settings });

describe("driver and release resolution", () => {
  test("given a server on an LXC hypervisor, when suspend is asked, then OperationNotSupported comes after reads only", async () => {
    const server = fake.nova.addServer("on-lxc", { host: "lxc-1" });
    const err = await ops().run("suspend", "on-lxc").catch((e: unknown) => e);
    expect(isPolyvisorError(err, "OperationNotSupported")).toBe(true);
    expect((err as Error).message).toContain("libvirt-lxc cannot suspend in OpenStack zed");
    expect(fake.mutating()).toEqual([]);
    expect(server.status).toBe("ACTIVE");
  });

  test("given a QEMU x86 hypervisor, when an operation runs, then both x86 libvirt drivers are gated and reported", async () => {
    fake.nova.addServer("on-qemu", { host: "qemu-1" });
    const result = await ops().run("pause", "on-qemu");
    expect(result.drivers).toEqual(["libvirt-kvm-x86", "libvirt-qemu-x86"]);
    expect(result.release).toBe("zed");
    expect(result.status).toBe("PAUSED");
  });

  test("given the stack's host-to-driver map, when an operation runs, then the mapped driver is used without asking for hypervisors", async () => {
    fake.nova.addServer("mapped", { host: "qemu-2" });
    const result = await ops({ driverByHost: { "qemu-2": "libvirt-qemu-x86" } }).run("reboot", "mapped");
    expect(result.drivers).toEqual(["libvirt-qemu-x86"]);
    expect(fake.requests.some((r) => r.path.startsWith("/os-hypervisors"))).toBe(false);
  });

  test("given a cloud whose compute API tops out at 2.96, when no release is known, then ReleaseUnknown asks for --release", async () => {
    const newer = await RecordingFakeOpenStack.start({ maxMicroversion: "2.96" });
    try {
      newer.nova.addServer("x");
      const err = await new InstanceOperations(new OpenStackCloud(newer.credentials()), { pollIntervalMs: 5 }).run("reboot", "x").catch((e: unknown) => e);
      expect(isPolyvisorError(err, "ReleaseUnknown")).toBe(true);
      expect((err as Error).message).toContain("--release");
      expect(newer.mutating()).toEqual([]);
    } finally {
      await newer.stop();
    }
  });

  test("given an unknown --driver, then UnknownDriver lists examples and nothing is sent", async () => {
    const err = await ops().run("reboot", "anything", { driver: "kvm" as never, release: "zed" }).catch((e: unknown) => e);
    expect(isPolyvisorError(err, "UnknownDriver")).toBe(true);
    expect(fake.requests).toEqual([]);
  });
});

describe("waiting, progress and failures", () => {
  test("given a stop, when it runs, then progress goes resolve -> gate -> request -> wait -> verify -> done", async () => {
    fake.nova.addServer("progress", { host: "qemu-1" });
    const events: ProgressEvent[] = [];
    const result = await ops({ onProgress: (e: ProgressEvent) => events.push(e) }).run("stop", "progress");
    expect(result.status).toBe("SHUTOFF");
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(["resolve", "gate", "request", "wait", "verify", "done"]);
    expect(events.find((e) => e.phase === "wait")?.message).toMatch(/stop: (ACTIVE \(powering-off\)|SHUTOFF)/);
  });

  test("given nova fails the action, when waiting, then OperationFailed carries nova's fault and the failed action event", async () => {
    fake.nova.addServer("faulty", { host: "qemu-1" });
    fake.nova.failingActions.set("suspend", "libvirtError: internal error: unable to save domain");
    const err = await ops().run("suspend", "faulty").catch((e: unknown) => e);
    expect(isPolyvisorError(err, "OperationFailed")).toBe(true);
    const message = (err as Error).message;
    expect(message).toContain("suspend failed: the server went to ERROR");
    expect(message).toContain("nova fault: 500 libvirtError: internal error: unable to save domain");
    expect(message).toContain("compute_suspend: Error");
  });

  test("given nova never finishes, when the timeout passes, then OperationTimedOut says the last status seen", async () => {
    fake.nova.addServer("stuck", { host: "qemu-1" });
    fake.nova.stuckActions.add("pause");
    const err = await ops().run("pause", "stuck", { timeoutSeconds: 0.3 }).catch((e: unknown) => e);
    expect(isPolyvisorError(err, "OperationTimedOut")).toBe(true);
    expect((err as Error).message).toContain("ACTIVE (pausing)");
    expect((err as Error).message).toContain("--timeout");
  });

  test("given a live migration nova leaves on the same host, then OperationFailed says it did not move", async () => {
    fake.nova.addServer("pinned", { host: "qemu-1" });
    const err = await ops().run("live-migrate", "pinned", { host: "qemu-1" }).catch((e: unknown) => e);
    expect(isPolyvisorError(err, "OperationFailed")).toBe(true);
    expect((err as Error).message).toContain("still on qemu-1");
  });

  test("given a scheduler-chosen live migration, then the result names both hosts", async () => {
    fake.nova.addServer("mover", { host: "qemu-1" });
    const result = await ops().run("live-migrate", "mover");
    expect(result).toMatchObject({ fromHost: "qemu-1", host: "qemu-2", status: "ACTIVE" });
    expect(fake.mutating()[0].body).toEqual({ "os-migrateLive": { host: null, block_migration: "auto" } });
  });

  test("given resize with --then revert, then the server is back on its old flavor", async () => {
    fake.nova.addServer("resizer", { host: "qemu-1" });
    const result = await ops().run("resize", "resizer", { flavor: "m1.small", then: "revert" });
    expect(result.flavor).toBe("m1.tiny");
    expect(fake.mutating().map((r) => Object.keys(r.body as object)[0])).toEqual(["resize", "revertResize"]);
  });

  test("given a launch expected on libvirt-lxc, when nova places it on a QEMU host, then PlacementMismatch says how to pin it", async () => {
    const err = await ops()
      .run("launch", "misplaced", { image: "cirros", flavor: "m1.tiny", driver: "libvirt-lxc", release: "zed", networks: ["n1"] })
      .catch((e: unknown) => e);
    expect(isPolyvisorError(err, "PlacementMismatch")).toBe(true);
    expect((err as Error).message).toContain("aggregate_instance_extra_specs");
  });

  test("given a missing required option, then MissingOption names the flag before any request", async () => {
    const err = await ops().run("resize", "whatever").catch((e: unknown) => e);
    expect(isPolyvisorError(err, "MissingOption")).toBe(true);
    expect((err as Error).message).toContain("--flavor");
    expect(fake.requests).toEqual([]);
  });

  test("given set-admin-password, when it fails at nova, then the password is not in the error", async () => {
    fake.nova.addServer("pw", { host: "qemu-1", status: "SHUTOFF" });
    const err = await ops().run("set-admin-password", "pw", { adminPass: "Sup3r-Secret-9" }).catch((e: unknown) => e);
    expect(isPolyvisorError(err, "ApiConflict")).toBe(true);
    expect((err as Error).message).not.toContain("Sup3r-Secret-9");
  });
});
