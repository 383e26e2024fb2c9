// State and answers of the recording fake (see recording-fake-openstack.ts): servers that move
// through nova's statuses one poll at a time, nova's instance-state checks, flavors, hypervisors,
// services, aggregates, instance actions, and the Glance/Cinder/Neutron/Placement objects the
// operations touch. Shapes follow the APIs at compute microversion 2.60.

import { randomUUID } from "node:crypto";
import type { RecordedRequest, Reply } from "./recording-fake-openstack";

export interface FakeHypervisor {
  readonly hostname: string;
  /** As os-hypervisors reports it: QEMU, LXC, VMware vCenter Server, hyperv, fake, ... */
  readonly hypervisorType: string;
  readonly arch?: string;
  state?: "up" | "down";
}

export interface FakeServer {
  id: string;
  name: string;
  status: string;
  task: string | null;
  host: string | null;
  flavor: FakeFlavor;
  oldFlavor?: FakeFlavor;
  /** Status before the running action (live migration returns to it). */
  statusBefore?: string;
  fault?: { code: number; message: string; created: string };
  /** Applied on the next GET of the server: nova finished the task. */
  next?: () => void;
  actions: { action: string; request_id: string; start_time: string; message: string | null; events: { event: string; result: string }[] }[];
}

interface FakeFlavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
}

interface FakeVolume {
  id: string;
  name: string;
  status: string;
  size: number;
  attachments: { server_id: string; device: string }[];
  next?: () => void;
}

/** What nova does with each action: allowed statuses, the status while busy, the result. */
interface ActionRule {
  readonly from: readonly string[];
  readonly busy: { readonly status?: string; readonly task: string };
  readonly done: (s: FakeServer, body: any, nova: FakeNova) => void;
  readonly reply?: (s: FakeServer, body: any, nova: FakeNova) => unknown;
}

const ACTIVE_ISH = ["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"];

const ACTIONS: { readonly [action: string]: ActionRule } = {
  reboot: { from: ["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"], busy: { status: "REBOOT", task: "rebooting" }, done: (s) => (s.status = "ACTIVE") },
  "os-stop": { from: ["ACTIVE", "RESCUE"], busy: { task: "powering-off" }, done: (s) => (s.status = "SHUTOFF") },
  "os-start": { from: ["SHUTOFF"], busy: { task: "powering-on" }, done: (s) => (s.status = "ACTIVE") },
  pause: { from: ["ACTIVE"], busy: { task: "pausing" }, done: (s) => (s.status = "PAUSED") },
  unpause: { from: ["PAUSED"], busy: { task: "unpausing" }, done: (s) => (s.status = "ACTIVE") },
  suspend: { from: ["ACTIVE"], busy: { task: "suspending" }, done: (s) => (s.status = "SUSPENDED") },
  resume: { from: ["SUSPENDED"], busy: { task: "resuming" }, done: (s) => (s.status = "ACTIVE") },
  shelve: { from: ACTIVE_ISH, busy: { task: "shelving" }, done: (s) => ((s.status = "SHELVED_OFFLOADED"), (s.host = null)) },
  unshelve: { from: ["SHELVED", "SHELVED_OFFLOADED"], busy: { task: "unshelving" }, done: (s, _b, n) => ((s.status = "ACTIVE"), (s.host = n.upHosts()[0])) },
  rescue: { from: ["ACTIVE", "SHUTOFF"], busy: { task: "rescuing" }, done: (s) => (s.status = "RESCUE"), reply: () => ({ adminPass: "fake-rescue-pass" }) },
  unrescue: { from: ["RESCUE"], busy: { task: "unrescuing" }, done: (s) => (s.status = "ACTIVE") },
  changePassword: { from: ["ACTIVE"], busy: { task: "updating_password" }, done: () => undefined },
  createImage: {
    from: ACTIVE_ISH,
    busy: { task: "image_snapshot" },
    done: () => undefined,
    reply: (s, body, n) => ({ image_id: n.addImage(body.createImage.name, "queued").id }),
  },
  resize: {
    from: ["ACTIVE", "SHUTOFF"],
    busy: { status: "RESIZE", task: "resize_prep" },
    done: (s, body, n) => {
      s.oldFlavor = s.flavor;
      s.flavor = n.flavors.get(body.resize.flavorRef)!;
      s.status = "VERIFY_RESIZE";
    },
  },
  confirmResize: { from: ["VERIFY_RESIZE"], busy: { task: "resize_confirming" }, done: (s) => ((s.status = "ACTIVE"), (s.oldFlavor = undefined)) },
  revertResize: {
    from: ["VERIFY_RESIZE"],
    busy: { status: "REVERT_RESIZE", task: "resize_reverting" },
    done: (s) => ((s.status = "ACTIVE"), (s.flavor = s.oldFlavor ?? s.flavor)),
  },
  "os-migrateLive": {
    from: ["ACTIVE", "PAUSED"],
    busy: { status: "MIGRATING", task: "migrating" },
    done: (s, body, n) => {
      s.status = s.statusBefore ?? "ACTIVE";
      s.host = body["os-migrateLive"].host ?? n.upHosts().find((h) => h !== s.host) ?? s.host;
    },
  },
  evacuate: {
    from: ["ACTIVE", "SHUTOFF", "ERROR"],
    busy: { status: "REBUILD", task: "rebuilding" },
    done: (s, body, n) => ((s.status = "ACTIVE"), (s.host = body.evacuate.host ?? n.upHosts().find((h) => h !== s.host) ?? s.host)),
  },
};

export class FakeNova {
  readonly servers = new Map<string, FakeServer>();
  readonly flavors = new Map<string, FakeFlavor>();
  readonly images = new Map<string, { id: string; name: string; status: string; [k: string]: unknown }>();
  readonly volumes = new Map<string, FakeVolume>();
  /** Actions that fail: the server goes to ERROR with this fault message. */
  readonly failingActions = new Map<string, string>();
  /** Actions nova accepts but never finishes (the task state stays set). */
  readonly stuckActions = new Set<string>();
  maintenance: { [host: string]: string } = {};

  constructor(readonly hypervisors: readonly FakeHypervisor[]) {
    this.addFlavor("m1.tiny", 1, 512, 1, "1");
    this.addFlavor("m1.small", 1, 2048, 20, "2");
    this.addImage("cirros", "active");
  }

  upHosts(): string[] {
    return this.hypervisors.filter((h) => h.state !== "down").map((h) => h.hostname);
  }

  addFlavor(name: string, vcpus: number, ram: number, disk: number, id: string = randomUUID()): FakeFlavor {
    const f = { id, name, vcpus, ram, disk };
    this.flavors.set(id, f);
    return f;
  }

  addImage(name: string, status: string) {
    const image = { id: randomUUID(), name, status, disk_format: "qcow2", container_format: "bare", visibility: "public" };
    this.images.set(image.id, image);
    return image;
  }

  addVolume(name: string, size = 1): FakeVolume {
    const v: FakeVolume = { id: randomUUID(), name, status: "available", size, attachments: [] };
    this.volumes.set(v.id, v);
    return v;
  }

  addServer(name: string, init: Partial<Pick<FakeServer, "status" | "host" | "id">> = {}): FakeServer {
    const s: FakeServer = {
      id: init.id ?? randomUUID(),
      name,
      status: init.status ?? "ACTIVE",
      task: null,
      host: init.host === undefined ? this.upHosts()[0] : init.host,
      flavor: this.flavors.get("1")!,
      actions: [],
    };
    this.servers.set(s.id, s);
    return s;
  }

  route(r: RecordedRequest, maxMicroversion: string): Reply {
    switch (r.service) {
      case "compute":
        return this.compute(r, maxMicroversion);
      case "image":
        return this.image(r);
      case "volume":
        return this.volume(r);
      case "network":
        return this.network(r);
      default:
        return this.placement(r);
    }
  }

  // ----- compute -----------------------------------------------------------------------------

  private compute(r: RecordedRequest, max: string): Reply {
    const p = r.path.split("/").filter(Boolean);
    const version = r.headers["x-openstack-nova-api-version"] ?? "2.1";
    if (r.method === "GET" && p.length === 0) return ok({ version: { id: "v2.1", status: "CURRENT", version: max, min_version: "2.1" } });
    if (p[0] === "servers") return this.serversApi(r, p, version);
    if (p[0] === "flavors" && r.method === "GET") {
      if (p[1] === "detail") return ok({ flavors: [...this.flavors.values()].map(flavorView) });
      const f = this.flavors.get(p[1]);
      return f ? ok({ flavor: flavorView(f) }) : notFound(`Flavor ${p[1]} could not be found.`);
    }
    if (p[0] === "os-hypervisors" && p[1] === "detail") {
      return ok({
        hypervisors: this.hypervisors.map((h, i) => ({
          id: `hv-${i}`,
          hypervisor_hostname: h.hostname,
          hypervisor_type: h.hypervisorType,
          state: h.state ?? "up",
          status: "enabled",
          cpu_info: JSON.stringify({ arch: h.arch ?? "x86_64" }),
          service: { host: h.hostname, id: `svc-${i}` },
        })),
      });
    }
    if (p[0] === "os-services" && r.method === "GET") {
      const services = this.hypervisors.map((h, i) => ({ id: `svc-${i}`, binary: "nova-compute", host: h.hostname, status: "enabled", state: h.state ?? "up" }));
      return ok({ services: services.filter((s) => !r.query.host || s.host === r.query.host) });
    }
    if (p[0] === "os-services" && r.method === "PUT") return ok({ service: { id: p[1], ...(r.body as object) } });
    if (p[0] === "os-hosts" && r.method === "PUT") {
      // The os-hosts API is gone after microversion 2.42.
      if (compare(version, "2.42") > 0) return notFound("The resource could not be found.");
      const mode = (r.body as { maintenance_mode: string }).maintenance_mode === "enable" ? "on_maintenance" : "off_maintenance";
      this.maintenance[p[1]] = mode;
      return ok({ host: p[1], maintenance_mode: mode });
    }
    if (p[0] === "os-aggregates") return ok(r.method === "GET" ? { aggregates: [] } : { aggregate: { id: 1, name: "fake", hosts: [], metadata: {}, availability_zone: null } });
    if (p[0] === "os-availability-zone") return ok({ availabilityZoneInfo: [{ zoneName: "nova", zoneState: { available: true }, hosts: null }] });
    return notFound(`fake: no compute route ${r.method} ${r.path}`);
  }

  private serversApi(r: RecordedRequest, p: string[], version: string): Reply {
    if (p.length === 1 && r.method === "POST") return this.createServer(r, version);
    if (p[1] === "detail" && r.method === "GET") {
      const name = r.query.name ? new RegExp(r.query.name) : undefined;
      const list = [...this.servers.values()]
        .filter((s) => (!name || name.test(s.name)) && (!r.query.host || s.host === r.query.host))
        .map((s) => this.serverView(s, false));
      return ok({ servers: list });
    }
    const s = this.servers.get(p[1]);
    if (!s) return notFound(`Instance ${p[1]} could not be found.`);
    if (p.length === 2 && r.method === "GET") {
      const view = this.serverView(s, true);
      return view ? ok({ server: view }) : notFound(`Instance ${p[1]} could not be found.`);
    }
    if (p.length === 2 && r.method === "DELETE") {
      s.task = "deleting";
      s.next = () => this.servers.delete(s.id);
      return { status: 204 };
    }
    if (p[2] === "action" && r.method === "POST") return this.serverAction(s, r.body as Record<string, any>);
    if (p[2] === "os-volume_attachments") return this.attachments(s, r, p);
    if (p[2] === "os-instance-actions") {
      if (p[3]) {
        const a = s.actions.find((x) => x.request_id === p[3]);
        return a ? ok({ instanceAction: a }) : notFound("Action not found");
      }
      return ok({ instanceActions: [...s.actions].reverse().map(({ events: _e, ...a }) => a) });
    }
    if (p[2] === "migrations") return ok({ migrations: [] });
    return notFound(`fake: no server route ${r.method} ${r.path}`);
  }

  private createServer(r: RecordedRequest, version: string): Reply {
    const spec = (r.body as { server: any }).server;
    if (spec.networks === "none" && compare(version, "2.37") < 0) return badRequest("Invalid input for field/attribute networks.");
    if (!this.flavors.has(spec.flavorRef)) return badRequest(`Flavor ${spec.flavorRef} could not be found.`);
    const zoneHost = typeof spec.availability_zone === "string" ? spec.availability_zone.split(":")[1] : undefined;
    const s = this.addServer(spec.name, { status: "BUILD", host: null });
    s.task = "spawning";
    s.flavor = this.flavors.get(spec.flavorRef)!;
    s.next = () => ((s.status = "ACTIVE"), (s.host = zoneHost ?? this.upHosts()[0]));
    s.actions.push(action("create"));
    return { status: 202, body: { server: { id: s.id, links: [], adminPass: "fake-admin-pass" } } };
  }

  private serverAction(s: FakeServer, body: Record<string, any>): Reply {
    const name = Object.keys(body)[0];
    if (name === "os-getConsoleOutput") {
      const lines = ["fake console line 1", "fake console line 2", "login:"];
      const n = body[name]?.length;
      return ok({ output: (n ? lines.slice(-n) : lines).join("\n") });
    }
    const rule = ACTIONS[name];
    if (!rule) return badRequest(`fake: unknown action ${name}`);
    if (s.task !== null || !rule.from.includes(s.status)) {
      return { status: 409, body: { conflictingRequest: { code: 409, message: `Cannot '${name}' instance ${s.id} while it is in vm_state ${s.status.toLowerCase()}` } } };
    }
    if (name === "resize" && !this.flavors.has(body.resize.flavorRef)) return badRequest("Unable to find flavor");
    const record = action(name);
    s.actions.push(record);
    s.statusBefore = s.status;
    if (rule.busy.status) s.status = rule.busy.status;
    s.task = rule.busy.task;
    const failure = this.failingActions.get(name);
    if (this.stuckActions.has(name)) return { status: 202, body: rule.reply?.(s, body, this) };
    s.next = failure
      ? () => {
          s.status = "ERROR";
          s.fault = { code: 500, message: failure, created: new Date().toISOString() };
          record.events.push({ event: `compute_${name}`, result: "Error" });
        }
      : () => {
          rule.done(s, body, this);
          record.events.push({ event: `compute_${name}`, result: "Success" });
        };
    const reply = rule.reply?.(s, body, this);
    return { status: 202, body: reply ?? undefined };
  }

  private attachments(s: FakeServer, r: RecordedRequest, p: string[]): Reply {
    if (r.method === "GET") {
      return ok({ volumeAttachments: [...this.volumes.values()].filter((v) => v.attachments.some((a) => a.server_id === s.id)).map((v) => attachmentView(s, v)) });
    }
    if (r.method === "POST") {
      const v = this.volumes.get((r.body as any).volumeAttachment.volumeId);
      if (!v) return notFound("Volume could not be found.");
      if (v.status !== "available") return { status: 400, body: { badRequest: { code: 400, message: `volume ${v.id} status must be available` } } };
      v.status = "attaching";
      v.next = () => ((v.status = "in-use"), v.attachments.push({ server_id: s.id, device: "/dev/vdb" }));
      return ok({ volumeAttachment: { id: v.id, volumeId: v.id, serverId: s.id, device: "/dev/vdb" } });
    }
    const v = this.volumes.get(p[3]);
    if (!v || !v.attachments.some((a) => a.server_id === s.id)) return notFound(`volume ${p[3]} is not attached to the server`);
    if (r.method === "DELETE") {
      v.status = "detaching";
      v.next = () => ((v.status = "available"), (v.attachments = []));
      return { status: 202 };
    }
    const target = this.volumes.get((r.body as any).volumeAttachment.volumeId);
    if (!target) return notFound("Volume could not be found.");
    v.status = "detaching";
    target.status = "attaching";
    v.next = () => ((v.status = "available"), (v.attachments = []));
    target.next = () => ((target.status = "in-use"), target.attachments.push({ server_id: s.id, device: "/dev/vdb" }));
    return { status: 202 };
  }

  private serverView(s: FakeServer, advance: boolean) {
    if (advance && s.next) {
      const next = s.next;
      s.next = undefined;
      s.task = null;
      next();
      if (!this.servers.has(s.id)) return undefined;
    }
    for (const image of this.images.values()) if (image.status === "queued") image.status = "active";
    return {
      id: s.id,
      name: s.name,
      status: s.status,
      "OS-EXT-STS:task_state": s.task,
      "OS-EXT-STS:vm_state": s.status.toLowerCase(),
      "OS-EXT-SRV-ATTR:host": s.host,
      "OS-EXT-SRV-ATTR:hypervisor_hostname": s.host,
      "OS-EXT-AZ:availability_zone": "nova",
      flavor: { original_name: s.flavor.name, vcpus: s.flavor.vcpus, ram: s.flavor.ram, disk: s.flavor.disk, extra_specs: {} },
      image: { id: [...this.images.keys()][0] },
      ...(s.fault ? { fault: s.fault } : {}),
      addresses: {},
      metadata: {},
    };
  }

  // ----- other services ----------------------------------------------------------------------

  private image(r: RecordedRequest): Reply {
    const p = r.path.split("/").filter(Boolean); // v2 images ID [file]
    if (p[1] !== "images") return notFound("fake: no image route");
    if (!p[2] && r.method === "GET") return ok({ images: [...this.images.values()].filter((i) => !r.query.name || i.name === r.query.name) });
    if (!p[2] && r.method === "POST") {
      const body = r.body as { name: string };
      const image = { ...this.addImage(body.name, "queued"), ...body };
      this.images.set(image.id, image);
      return { status: 201, body: image };
    }
    const image = this.images.get(p[2]);
    if (!image) return { status: 404, body: undefined, headers: { "Content-Type": "text/plain" } };
    if (p[3] === "file" && r.method === "PUT") {
      image.status = "active";
      image.size = (r.body as { bytes: number }).bytes;
      return { status: 204 };
    }
    if (r.method === "GET") return ok(image);
    if (r.method === "DELETE") return (this.images.delete(image.id), { status: 204 });
    if (r.method === "PATCH") {
      for (const op of r.body as { op: string; path: string; value?: string }[]) {
        if (op.op === "remove") delete image[op.path.slice(1)];
        else image[op.path.slice(1)] = op.value;
      }
      return ok(image);
    }
    return notFound("fake: no image route");
  }

  private volume(r: RecordedRequest): Reply {
    const p = r.path.split("/").filter(Boolean);
    if (p[0] === "volumes" && p[1] === "detail") return ok({ volumes: [...this.volumes.values()].filter((v) => !r.query.name || v.name === r.query.name).map(volumeView) });
    if (p[0] === "volumes" && !p[1] && r.method === "POST") {
      const body = (r.body as { volume: { name: string; size: number } }).volume;
      return { status: 202, body: { volume: volumeView(this.addVolume(body.name, body.size)) } };
    }
    if (p[0] === "volumes" && p[1]) {
      const v = this.volumes.get(p[1]);
      if (!v) return notFound(`Volume ${p[1]} could not be found.`);
      if (r.method === "GET") {
        if (v.next) {
          const next = v.next;
          v.next = undefined;
          next();
        }
        return ok({ volume: volumeView(v) });
      }
    }
    if (p[0] === "types" && r.method === "POST" && !p[1]) return ok({ volume_type: { id: randomUUID(), ...(r.body as any).volume_type } });
    return notFound(`fake: no volume route ${r.method} ${r.path}`);
  }

  private network(r: RecordedRequest): Reply {
    if (r.path === "/v2.0/networks" && r.method === "POST") {
      return { status: 201, body: { network: { id: randomUUID(), status: "ACTIVE", subnets: [], shared: false, ...(r.body as any).network } } };
    }
    if (r.path === "/v2.0/networks" && r.method === "GET") return ok({ networks: [] });
    return { status: 404, body: { NeutronError: { type: "NetworkNotFound", message: `Network ${r.path.split("/").pop()} could not be found.`, detail: "" } } };
  }

  private placement(r: RecordedRequest): Reply {
    if (r.path === "/resource_providers") {
      return ok({ resource_providers: this.hypervisors.map((h, i) => ({ uuid: `rp-${i}`, name: h.hostname, generation: 1 })) });
    }
    return { status: 404, body: { errors: [{ status: 404, title: "Not Found", detail: `No resource provider with uuid ${r.path.split("/")[2]} found` }] } };
  }
}

function action(name: string) {
  return { action: name, request_id: `req-${randomUUID()}`, start_time: new Date().toISOString(), message: null, events: [] as { event: string; result: string }[] };
}

function flavorView(f: FakeFlavor) {
  return { ...f, "OS-FLV-EXT-DATA:ephemeral": 0, "os-flavor-access:is_public": true };
}

function volumeView(v: FakeVolume) {
  return { id: v.id, name: v.name, status: v.status, size: v.size, attachments: v.attachments.map((a) => ({ ...a })) };
}

function attachmentView(s: FakeServer, v: FakeVolume) {
  return { id: v.id, volumeId: v.id, serverId: s.id, device: "/dev/vdb" };
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function notFound(message: string): Reply {
  return { status: 404, body: { itemNotFound: { code: 404, message } } };
}

function badRequest(message: string): Reply {
  return { status: 400, body: { badRequest: { code: 400, message } } };
}

function compare(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am !== bm ? am - bm : an - bn;
}
