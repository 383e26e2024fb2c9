// Every instance operation libvirt QEMU supports, through polyvisor's one call path, on a real Zed
// cloud (two QEMU nodes and an LXC node); the LXC refusals next to what nova does when asked
// directly; evacuation from a downed host; a rolling change over both QEMU nodes with the compute
// drain hook. Declared as a function of the cloud so that the all-in-one end-to-end test runs it on
// the cloud it deployed, and instance-operations.e2e.ts on a cloud handed to it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OpenStackApiError, OpenStackCloud, type ComputeService, type Server } from "../../../provisioners/openstack";
import { ComputeDrainHook, InstanceOperations, type ComputeDrainEvent, type OperationName, type OperationOptions } from "../../../provisioners/operations";
import { rollout } from "../../../provisioners/rollout";
import { SshPool } from "../../../provisioners/ssh/pool";
import { silentLogger } from "../../../provisioners/ssh/redact";
import { lastHeartbeatUptime } from "../../../scripts/demo/checks";
import { askNovaDirectly } from "../../provisioners/operations/support/instance-scenario";
import type { InstanceCloud } from "./instance-cloud";

/** Declares the instance-operation tests; `fixture` is called once, in the first hook, not before. */
export function instanceOperationTests(getFixture: () => InstanceCloud | Promise<InstanceCloud>): void {
  const RUN = Date.now().toString(36);
  let fixture: InstanceCloud;
  let cloud: OpenStackCloud;
  let ops: InstanceOperations;
  let biggerFlavor: string;
  let vm: string;
  const cleanup: (() => Promise<unknown>)[] = [];
  const log = (line: string) => process.stderr.write(`[instance-operations] ${line}\n`);

  beforeAll(async () => {
    fixture = await getFixture();
    cloud = new OpenStackCloud(fixture.credentials);
    ops = new InstanceOperations(cloud, { release: fixture.release, driverByHost: fixture.driverByHost, pollIntervalMs: 1000 });
    biggerFlavor = await resizeFlavor(fixture.qemu.flavor);
  }, 120_000);

  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch((err) => log(`cleanup: ${(err as Error).message}`));
  }, 600_000);

  /** A flavor one step bigger than the QEMU flavor, pinned to the same aggregate (same extra specs). */
  async function resizeFlavor(name: string): Promise<string> {
    const small = await cloud.flavors.find(name);
    if (!small) throw new Error(`the fixture's QEMU flavor ${name} does not exist`);
    const bigName = `${small.name}-resized`;
    const existing = await cloud.flavors.find(bigName);
    if (existing) return existing.name;
    const big = await cloud.flavors.create({ name: bigName, vcpus: small.vcpus, ram: small.ram + 64, disk: small.disk });
    await cloud.flavors.setExtraSpecs(big.id, await cloud.flavors.extraSpecs(small.id));
    return big.name;
  }

  async function serverNow(id: string): Promise<Server> {
    return cloud.servers.get(id);
  }

  async function consoleShowsMarker(id: string, seconds = 120): Promise<string> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const output = (await ops.run("console-log", id, { lines: 50 })).output ?? "";
      if (output.includes(fixture.consoleMarker)) return output;
      if (Date.now() > deadline) throw new Error(`console of ${id} never showed ${fixture.consoleMarker}; last output:\n${output}`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  /**
   * The guest's uptime from the newest heartbeat on its console, once above `above` seconds; without
   * a heartbeat in the fixture, the console only has to answer (undefined).
   */
  async function heartbeatAbove(id: string, above = 0, seconds = 60): Promise<number | undefined> {
    const output = async () => (await ops.run("console-log", id, { lines: 20 })).output ?? "";
    if (!fixture.heartbeat) {
      expect(typeof (await output())).toBe("string");
      return undefined;
    }
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const text = await output();
      const last = lastHeartbeatUptime(text, fixture.heartbeat);
      if (last !== undefined && last > above) return last;
      if (Date.now() > deadline) throw new Error(`console of ${id} shows no ${fixture.heartbeat} above uptime ${above} s within ${seconds} s; last output:\n${text}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }


  describe("instance operations on libvirt QEMU, through polyvisor's call path", () => {
    const steps: readonly [OperationName, () => OperationOptions, string][] = [
      ["reboot", () => ({}), "ACTIVE"],
      ["reboot", () => ({ hard: true }), "ACTIVE"],
      ["stop", () => ({}), "SHUTOFF"],
      ["start", () => ({}), "ACTIVE"],
      ["pause", () => ({}), "PAUSED"],
      ["unpause", () => ({}), "ACTIVE"],
      ["suspend", () => ({}), "SUSPENDED"],
      ["resume", () => ({}), "ACTIVE"],
      ["rescue", () => ({}), "RESCUE"],
      ["unrescue", () => ({}), "ACTIVE"],
      ["resize", () => ({ flavor: biggerFlavor, then: "revert" }), "ACTIVE"],
      ["resize", () => ({ flavor: biggerFlavor, then: "confirm" }), "ACTIVE"],
    ];

    test("given the QEMU image and flavor, when launched, then the server is ACTIVE on a QEMU node and its console shows the guest booted", async () => {
      const r = await ops.run("launch", `pv-e2e-${RUN}`, { ...fixture.qemu, driver: "libvirt-qemu-x86", timeoutSeconds: 600 });
      vm = r.server.id;
      cleanup.push(() => ops.run("terminate", vm));
      expect(r.status).toBe("ACTIVE");
      expect(fixture.qemuHosts).toContain(r.host);
      await consoleShowsMarker(vm);
    });

    test.each(steps.map(([op, options, status], i) => ({ i, op, options, status })))(
      "given the server, when $op runs (step $i), then it ends $status",
      async ({ op, options, status }) => {
        const r = await ops.run(op, vm, options());
        log(`${op} ${JSON.stringify(options())}: ${r.status} on ${r.host} in ${r.elapsedMs} ms`);
        expect(r.status).toBe(status);
        expect(r.drivers).toEqual(["libvirt-qemu-x86"]);
      },
    );

    test("given a resize confirmed, then the server runs the bigger flavor; given one reverted before it, the flavor came back", async () => {
      expect((await serverNow(vm)).flavor.original_name).toBe(biggerFlavor);
    });

    test("given the server, when snapshotted, then an active image exists and the server is still ACTIVE", async () => {
      const r = await ops.run("snapshot", vm, { imageName: `pv-e2e-${RUN}-snap` });
      cleanup.push(() => cloud.images.delete(r.imageId!));
      expect(r.status).toBe("ACTIVE");
      expect((await cloud.images.get(r.imageId!)).status).toBe("active");
    });

    test("given two QEMU nodes, when live-migrated to the named other node, then it runs there and the guest kept running", async () => {
      const from = (await serverNow(vm))["OS-EXT-SRV-ATTR:host"];
      const to = fixture.qemuHosts.find((h) => h !== from)!;
      const before = await heartbeatAbove(vm);
      const r = await ops.run("live-migrate", vm, { host: to });
      expect([r.fromHost, r.host, r.status]).toEqual([from, to, "ACTIVE"]);
      await heartbeatAbove(vm, before);
    });

    test("given two QEMU nodes, when live-migrated with no host, then the scheduler moves it to the other node", async () => {
      const from = (await serverNow(vm))["OS-EXT-SRV-ATTR:host"];
      const r = await ops.run("live-migrate", vm);
      expect(r.fromHost).toBe(from);
      expect(fixture.qemuHosts.filter((h) => h !== from)).toContain(r.host);
      await heartbeatAbove(vm);
    });

    test("given a guest without an agent, when its admin password is set, then polyvisor fails with nova's own reason", async () => {
      const failed = await ops.run("set-admin-password", vm, { adminPass: `E2e-${RUN}-pw` }).then(
        () => undefined,
        (err: Error) => err,
      );
      log(`set-admin-password: ${failed?.message}`);
      expect(failed?.message).toMatch(/GuestAgentMissing.*QEMU guest agent is not enabled/);
      expect((await serverNow(vm)).status).toBe("ACTIVE");
    });

    test("given a libvirt host, when maintenance mode is asked, then polyvisor refuses it with no request sent", async () => {
      await expect(ops.run("maintenance-mode", vm)).rejects.toThrow(/OperationNotSupported/);
    });

    test("given no attachable volume backend, when a volume is attached, then polyvisor fails before asking nova", async () => {
      const before = (await cloud.servers.actions(vm)).length;
      await expect(ops.run("attach-volume", vm, { volume: "pv-e2e-none" })).rejects.toThrow(/Volume|volume|block-storage|EndpointNotFound/);
      expect((await cloud.servers.actions(vm)).length).toBe(before);
    });

    test("given the server's host is down, when evacuated, then it is rebuilt ACTIVE on the other node and the host comes back", async () => {
      const from = (await serverNow(vm))["OS-EXT-SRV-ATTR:host"]!;
      const [service] = await cloud.infrastructure.services({ binary: "nova-compute", host: from });
      await fixture.stopCompute(from);
      await cloud.infrastructure.updateService(service, { forcedDown: true });
      try {
        const r = await ops.run("evacuate", vm, { timeoutSeconds: 600 });
        expect([r.fromHost, r.status]).toEqual([from, "ACTIVE"]);
        expect(fixture.qemuHosts.filter((h) => h !== from)).toContain(r.host);
      } finally {
        await fixture.startCompute(from);
        await forceUp(service);
      }
      await waitServiceUp(from);
    });
  });

  /** nova refuses to lift forced_down until the restarted service has completed its evacuation records. */
  async function forceUp(service: ComputeService): Promise<void> {
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        await cloud.infrastructure.updateService(service, { forcedDown: false });
        return;
      } catch (err) {
        if (!(err instanceof OpenStackApiError && err.status === 400 && /evacuation/.test(err.serviceMessage)) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 5000));
      }
    }
  }

  async function waitServiceUp(host: string): Promise<void> {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const [s] = await cloud.infrastructure.services({ binary: "nova-compute", host });
      if (s?.state === "up") return;
      if (Date.now() > deadline) throw new Error(`nova-compute on ${host} is not up again: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }

  describe("refusals on libvirt LXC, next to what nova does when asked directly", () => {
    let ct: string;
    const refused: readonly [OperationName, OperationOptions, { readonly [action: string]: unknown }][] = [
      ["suspend", {}, { suspend: null }],
      ["rescue", {}, { rescue: {} }],
      ["snapshot", { imageName: "pv-e2e-lxc-snap" }, { createImage: { name: `pv-e2e-lxc-snap-${RUN}` } }],
      ["live-migrate", {}, { "os-migrateLive": { host: null, block_migration: "auto" } }],
    ];

    test("given the LXC image and flavor, when launched, then the container is ACTIVE on the LXC node", async () => {
      const r = await ops.run("launch", `pv-e2e-ct-${RUN}`, { ...fixture.lxc, driver: "libvirt-lxc", timeoutSeconds: 300 });
      ct = r.server.id;
      cleanup.push(() => ops.run("terminate", ct));
      expect([r.status, r.host]).toEqual(["ACTIVE", fixture.lxcHost]);
    });

    test.each(refused)("given the container, when polyvisor is asked to %s, then it refuses before any request", async (op, options) => {
      const actions = (await cloud.servers.actions(ct)).length;
      await expect(ops.run(op, ct, options)).rejects.toThrow(new RegExp(`OperationNotSupported.*libvirt-lxc cannot ${op}`));
      expect((await cloud.servers.actions(ct)).length).toBe(actions);
    });

    /**
     * What nova itself did with each request on the Zed cloud (recorded on this machine): it accepts
     * all four with 202 and fails later, in nova-compute or the conductor, so the caller only learns
     * it from the server's state or its instance actions.
     */
    const NOVA_ANSWER: { readonly [op: string]: "ERROR" | "image-not-created" | "not-moved" } = {
      suspend: "ERROR", // compute_suspend_instance: Error, fault libvirtError
      rescue: "ERROR", // compute_rescue_instance: Error, "cannot find init path '/sbin/init' relative to container root"
      snapshot: "image-not-created", // qemu-img convert -O None fails in nova-compute; nova deletes the image
      "live-migrate": "not-moved", // conductor_live_migrate_instance: Error; the container stays ACTIVE where it was
    };

    // Asked of nova in this order: the two that leave the container running first, then suspend
    // (ERROR, recovered by a state reset and a hard reboot), then rescue, whose failure leaves the
    // container's root image in a state libvirt LXC cannot start again from.
    const direct = ["snapshot", "live-migrate", "suspend", "rescue"].map((op) => refused.find((r) => r[0] === op)!);
    test.each(direct)("given the container, when nova is asked to %s directly, then nova accepts it and fails later", async (op, _options, body) => {
      const answer = await askNovaDirectly(cloud, ct, body);
      // Let nova finish whatever it does with the request (a task left running would refuse the next).
      let after = await serverNow(ct);
      for (let waited = 0; waited < 180 && (waited < 10 || after["OS-EXT-STS:task_state"]); waited += 5) {
        await new Promise((r) => setTimeout(r, 5000));
        after = await serverNow(ct);
      }
      const [latest] = await cloud.servers.actions(ct);
      const detail = latest ? await cloud.servers.actionDetail(ct, latest.request_id) : undefined;
      const snapshots = op === "snapshot" ? (await cloud.images.list({ name: `pv-e2e-lxc-snap-${RUN}` })).filter((i) => i.status === "active") : [];
      const record = {
        op,
        http: answer.accepted ? 202 : answer.status,
        message: answer.accepted ? undefined : answer.message,
        status: after.status,
        host: after["OS-EXT-SRV-ATTR:host"],
        fault: after.fault?.message,
        action: latest?.action,
        events: detail?.events?.map((e) => `${e.event}:${e.result}`),
      };
      log(`nova directly: ${JSON.stringify(record)}`);
      try {
        expect(record.http).toBe(202);
        const outcome = NOVA_ANSWER[op];
        if (outcome === "ERROR") expect(after.status).toBe("ERROR");
        if (outcome === "image-not-created") expect(snapshots).toEqual([]);
        if (outcome === "not-moved") {
          expect(after.status).toBe("ACTIVE");
          expect(after["OS-EXT-SRV-ATTR:host"]).toBe(fixture.lxcHost);
          expect(record.events).toContain("conductor_live_migrate_instance:Error");
        }
      } finally {
        // Back to a running container for the next request (none follows the last).
        const last = op === direct[direct.length - 1][0];
        if (!last && after.status === "ERROR") await cloud.servers.action(ct, { "os-resetState": { state: "active" } });
        if (!last && (after.status === "ERROR" || after.status === "SHUTOFF")) await ops.run("reboot", ct, { hard: true, timeoutSeconds: 120 });
      }
    });
  });

  describe("a rolling change over both QEMU nodes, draining each first", () => {
    test("given guests on the QEMU nodes, when both nodes are changed with the compute drain hook, then the guests stay ACTIVE and their consoles still answer", async () => {
      // Every server on the two nodes is drained; the operations' server is one of them (or a new
      // one when the steps above left none running).
      const onNodes = async () => (await Promise.all(fixture.qemuHosts.map((host) => cloud.servers.list({ host, all_tenants: true })))).flat();
      // At least one running guest on each node, so that each drain has something to move: a
      // second guest on a node moves over, or a new one is launched and moved there.
      for (const host of fixture.qemuHosts) {
        const running = (await onNodes()).filter((s) => s.status === "ACTIVE");
        if (running.some((s) => s["OS-EXT-SRV-ATTR:host"] === host)) continue;
        const other = fixture.qemuHosts.find((h) => h !== host)!;
        const spare = running.filter((s) => s["OS-EXT-SRV-ATTR:host"] === other);
        let id = spare.length > 1 ? spare[0].id : undefined;
        if (!id) {
          const r = await ops.run("launch", `pv-e2e-roll-${host}-${RUN}`, { ...fixture.qemu, driver: "libvirt-qemu-x86", timeoutSeconds: 600 });
          cleanup.push(() => ops.run("terminate", r.server.id));
          await consoleShowsMarker(r.server.id);
          if (r.host === host) continue;
          id = r.server.id;
        }
        await ops.run("live-migrate", id, { host });
      }
      const guests = (await onNodes()).filter((s) => s.status === "ACTIVE").map((s) => s.id);
      const uptimes = new Map<string, number | undefined>();
      for (const id of guests) uptimes.set(id, await heartbeatAbove(id));
      log(`rolling change with ${guests.length} guest(s) on ${fixture.qemuHosts.join(", ")}`);
      const seen: string[] = [];
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          for (const id of guests) {
            const s = await serverNow(id);
            if (s.status !== "ACTIVE" && s.status !== "MIGRATING") seen.push(`${id}:${s.status}`);
          }
          await new Promise((r) => setTimeout(r, 2000));
        }
      })();
      const events: ComputeDrainEvent[] = [];
      const hook = new ComputeDrainHook(ops, { onEvent: (e) => events.push(e) });
      const restarted: string[] = [];
      const report = await rollout(
        fixture.qemuHosts.map((name) => ({ host: { name, address: name }, plan: {} })),
        { pool: new SshPool(), logger: silentLogger(), drain: hook },
        {
          parallelism: 1,
          canary: 1,
          apply: async (target) => {
            const started = Date.now();
            await hook.drain(target.host, undefined as never, []);
            try {
              const left = await cloud.servers.list({ host: target.host.name, all_tenants: true });
              if (left.length > 0) throw new Error(`${target.host.name} still has guests: ${left.map((s) => s.name).join(", ")}`);
              await fixture.stopCompute(target.host.name);
              await fixture.startCompute(target.host.name);
              restarted.push(target.host.name);
            } finally {
              await hook.undrain(target.host, undefined as never);
            }
            await waitServiceUp(target.host.name);
            return { host: target.host.name, changed: true, stages: [], roles: [], drained: true, hostKeyFingerprint: "", durationMs: Date.now() - started };
          },
        },
      );
      watching = false;
      await watcher;
      log(`rollout: ${JSON.stringify(report.counts)}; drain events: ${events.map((e) => `${e.kind}:${e.host}${e.kind === "drained" ? ` moved ${e.result.migrated.length}` : ""}`).join(", ")}`);
      expect(report.hosts.map((h) => `${h.host}:${h.outcome}${h.error ? ` ${h.error.message}` : ""}`)).toEqual(fixture.qemuHosts.map((h) => `${h}:changed`));
      expect(restarted).toEqual([...fixture.qemuHosts]);
      const drained = events.flatMap((e) => (e.kind === "drained" ? [`${e.host}:${e.result.migrated.length > 0}`] : []));
      expect(drained).toEqual(fixture.qemuHosts.map((h) => `${h}:true`));
      expect(seen).toEqual([]);
      for (const id of guests) {
        const s = await serverNow(id);
        expect(s.status).toBe("ACTIVE");
        // Still the same running guest: its heartbeat goes on from a higher uptime.
        await heartbeatAbove(id, uptimes.get(id) ?? 0);
      }
      for (const host of fixture.qemuHosts) {
        const [svc] = await cloud.infrastructure.services({ binary: "nova-compute", host });
        expect(svc.status).toBe("enabled");
      }
    });
  });
}
