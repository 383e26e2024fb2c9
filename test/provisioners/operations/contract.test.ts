// Contract suite over EVERY driver x EVERY gated operation. For each pair, exactly one of:
//  - the typed refusal: OperationNotSupported (or DriverNotInRelease) naming driver, operation and
//    release, with NO request sent at all; or
//  - the exact nova/cinder requests polyvisor's call path sends, recorded by the recording fake of
//    the Nova/Keystone protocol (a fake only because vCenter, Hyper-V, XenServer, z/VM, PowerVM and
//    Virtuozzo cannot run here; the real Zed cloud runs the same path end to end).
// No pair can pass without asserting one branch.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { OPERATIONS, RELEASES, assertOperationSupported, getDriver, listDrivers, type DriverId, type Operation, type Release } from "../../../provisioners/drivers";
import { isPolyvisorError } from "../../../provisioners/errors";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { DRIVERS_BY_HYPERVISOR_TYPE, InstanceOperations, MAX_COMPUTE_MICROVERSION, type OperationOptions } from "../../../provisioners/operations";
import { RecordingFakeOpenStack } from "../openstack/support/recording-fake-openstack";
import type { FakeServer } from "../openstack/support/fake-nova-state";

/** The release each driver is exercised at: Zed (the real cloud's) when it exists then, else its last. */
function releaseFor(driver: DriverId): Release {
  const existing = RELEASES.filter((r) => listDrivers().find((d) => d.id === driver)!.existsIn(r));
  return existing.includes("zed") ? "zed" : existing[existing.length - 1];
}

function maxMicroversion(release: Release): string {
  return MAX_COMPUTE_MICROVERSION.find((row) => row.releases.includes(release))?.max ?? "2.93";
}

function hypervisorType(driver: DriverId): string {
  return Object.entries(DRIVERS_BY_HYPERVISOR_TYPE).find(([, ds]) => ds.includes(driver))![0];
}

interface Setup {
  readonly server: FakeServer;
  readonly target: string;
  readonly options: OperationOptions;
  /** The requests that must be recorded, in order (method, path below the service, body). */
  readonly expected: readonly { readonly method: string; readonly path: string; readonly body?: unknown }[];
}

/** Per operation: the server's starting state, the options, and the exact requests expected. */
const SCENARIOS: { readonly [op in Operation]: (fake: RecordingFakeOpenStack) => Setup } = {
  launch: (f) => {
    const image = [...f.nova.images.values()].find((i) => i.name === "cirros")!;
    const server = f.nova.addServer("unused");
    return {
      server,
      target: "contract-new",
      options: { image: "cirros", flavor: "m1.tiny", networks: ["net-1"] },
      expected: [{ method: "POST", path: "/servers", body: { server: { name: "contract-new", imageRef: image.id, flavorRef: "1", networks: [{ uuid: "net-1" }] } } }],
    };
  },
  reboot: (f) => action(f, "ACTIVE", { hard: true }, { reboot: { type: "HARD" } }),
  stop: (f) => action(f, "ACTIVE", {}, { "os-stop": null }),
  start: (f) => action(f, "SHUTOFF", {}, { "os-start": null }),
  pause: (f) => action(f, "ACTIVE", {}, { pause: null }),
  unpause: (f) => action(f, "PAUSED", {}, { unpause: null }),
  suspend: (f) => action(f, "ACTIVE", {}, { suspend: null }),
  resume: (f) => action(f, "SUSPENDED", {}, { resume: null }),
  snapshot: (f) => action(f, "ACTIVE", { imageName: "contract-snap" }, { createImage: { name: "contract-snap", metadata: {} } }),
  rescue: (f) => action(f, "ACTIVE", {}, { rescue: {} }),
  unrescue: (f) => action(f, "RESCUE", {}, { unrescue: null }),
  resize: (f) => {
    const s = action(f, "ACTIVE", { flavor: "m1.small" }, { resize: { flavorRef: "2" } });
    return { ...s, expected: [...s.expected, { method: "POST", path: `/servers/${s.server.id}/action`, body: { confirmResize: null } }] };
  },
  "live-migrate": (f) => action(f, "ACTIVE", { host: "compute-2" }, { "os-migrateLive": { host: "compute-2", block_migration: "auto" } }),
  evacuate: (f) => action(f, "ACTIVE", { host: "compute-2" }, { evacuate: { host: "compute-2" } }),
  "console-log": (f) => action(f, "ACTIVE", { lines: 2 }, { "os-getConsoleOutput": { length: 2 } }),
  "attach-volume": (f) => {
    const v = f.nova.addVolume("contract-vol");
    const s = action(f, "ACTIVE", { volume: v.id }, undefined);
    return { ...s, expected: [{ method: "POST", path: `/servers/${s.server.id}/os-volume_attachments`, body: { volumeAttachment: { volumeId: v.id } } }] };
  },
  "detach-volume": (f) => {
    const s = action(f, "ACTIVE", {}, undefined);
    const v = f.nova.addVolume("contract-attached");
    v.status = "in-use";
    v.attachments.push({ server_id: s.server.id, device: "/dev/vdb" });
    return { ...s, options: { volume: v.id }, expected: [{ method: "DELETE", path: `/servers/${s.server.id}/os-volume_attachments/${v.id}` }] };
  },
  "swap-volume": (f) => {
    const s = action(f, "ACTIVE", {}, undefined);
    const old = f.nova.addVolume("contract-old");
    old.status = "in-use";
    old.attachments.push({ server_id: s.server.id, device: "/dev/vdb" });
    const fresh = f.nova.addVolume("contract-new-vol");
    return {
      ...s,
      options: { volume: old.id, newVolume: fresh.id },
      expected: [{ method: "PUT", path: `/servers/${s.server.id}/os-volume_attachments/${old.id}`, body: { volumeAttachment: { volumeId: fresh.id } } }],
    };
  },
  "set-admin-password": (f) => action(f, "ACTIVE", { adminPass: "Contract-Pass-1" }, { changePassword: { adminPass: "Contract-Pass-1" } }),
  "maintenance-mode": (f) => {
    const s = action(f, "ACTIVE", {}, undefined);
    return { ...s, expected: [{ method: "PUT", path: "/os-hosts/compute-1", body: { maintenance_mode: "enable" } }] };
  },
  terminate: (f) => {
    const s = action(f, "ACTIVE", {}, undefined);
    return { ...s, expected: [{ method: "DELETE", path: `/servers/${s.server.id}` }] };
  },
};

function action(f: RecordingFakeOpenStack, status: string, options: OperationOptions, body: unknown): Setup {
  const server = f.nova.addServer(`contract-${Math.random().toString(36).slice(2, 8)}`, { status, host: "compute-1" });
  return { server, target: server.name, options, expected: body === undefined ? [] : [{ method: "POST", path: `/servers/${server.id}/action`, body }] };
}

function gateDecision(driver: DriverId, op: Operation, release: Release): { allowed: true } | { allowed: false; code: string } {
  try {
    assertOperationSupported(driver, op, release);
    return { allowed: true };
  } catch (err) {
    if (isPolyvisorError(err)) return { allowed: false, code: err.code };
    throw err;
  }
}

const DRIVERS = listDrivers().map((d) => [d.id, releaseFor(d.id)] as const);

test("the contract suite covers every driver and every operation of the driver layer", () => {
  expect(DRIVERS.length).toBe(listDrivers().length);
  expect(DRIVERS.length).toBeGreaterThanOrEqual(18);
  expect(Object.keys(SCENARIOS).sort()).toEqual([...OPERATIONS].sort());
});

describe.each(DRIVERS)("driver %s in OpenStack %s", (driver, release) => {
  let fake: RecordingFakeOpenStack;
  let ops: InstanceOperations;
  beforeAll(async () => {
    const type = hypervisorType(driver);
    const arch = getDriver(driver).architectures[0];
    fake = await RecordingFakeOpenStack.start({
      maxMicroversion: maxMicroversion(release),
      hypervisors: [
        { hostname: "compute-1", hypervisorType: type, arch },
        { hostname: "compute-2", hypervisorType: type, arch },
      ],
    });
    ops = new InstanceOperations(new OpenStackCloud(fake.credentials()), { pollIntervalMs: 5 });
  });
  afterAll(async () => fake.stop());
  beforeEach(() => fake.clear());

  test.each([...OPERATIONS])(`given ${driver} on ${release}, when %s is asked, then the typed refusal or the exact API request`, async (op) => {
    const setup = SCENARIOS[op](fake);
    fake.clear();
    const decision = gateDecision(driver, op, release);
    const outcome = await ops.run(op, setup.target, { timeoutSeconds: 5, ...setup.options, driver, release }).catch((e: unknown) => e);

    if (!decision.allowed) {
      expect(isPolyvisorError(outcome, decision.code)).toBe(true);
      expect(["OperationNotSupported", "DriverNotInRelease"]).toContain(decision.code);
      const message = (outcome as Error).message;
      expect(message).toContain(driver);
      expect(message).toContain(op);
      expect(message).toContain(release);
      expect(fake.requests).toEqual([]); // refused before any API call, keystone included
      return;
    }

    expect(outcome).not.toBeInstanceOf(Error);
    const sent = fake.mutating().map((r) => ({ method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: r.body }) }));
    expect(sent).toEqual(setup.expected);
    const negotiated = Number(maxMicroversion(release).split(".")[1]) < 60 ? maxMicroversion(release) : "2.60";
    for (const r of fake.requests.filter((r) => r.service === "compute" && r.path !== "/")) {
      // os-hosts (maintenance mode) only exists up to 2.42; everything else uses the negotiated version.
      expect(`${r.path} ${r.headers["x-openstack-nova-api-version"]}`).toBe(`${r.path} ${r.path.startsWith("/os-hosts/") ? "2.42" : negotiated}`);
    }
    expect(fake.requests.filter((r) => r.service === "compute").every((r) => r.headers["x-auth-token"]?.startsWith("gAAAA"))).toBe(true);
  });
});

// Facts from nova's support matrix, written out here independently of the gate's data, so the
// contract above cannot pass by both sides agreeing on something wrong.
describe("known support facts", () => {
  test.each([
    ["libvirt-lxc", "suspend", "zed", false],
    ["libvirt-lxc", "rescue", "zed", false],
    ["libvirt-lxc", "snapshot", "zed", false],
    ["libvirt-lxc", "live-migrate", "zed", false],
    ["libvirt-lxc", "reboot", "zed", true],
    ["libvirt-qemu-x86", "live-migrate", "zed", true],
    ["libvirt-qemu-x86", "suspend", "zed", true],
    ["libvirt-qemu-x86", "maintenance-mode", "zed", false],
    ["xenserver", "maintenance-mode", "ussuri", true],
    ["ironic", "live-migrate", "zed", false],
    ["zvm", "suspend", "zed", false],
    ["vmware", "snapshot", "zed", true],
  ] as const)("given %s, when %s is asked on %s, then allowed is %s", (driver, op, release, allowed) => {
    expect(gateDecision(driver, op, release).allowed).toBe(allowed);
  });
});
