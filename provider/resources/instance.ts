// polyvisor_instance: a server with a declarative power state (active, shutoff, paused, suspended,
// shelved) converged through the operations layer, so the driver layer's capability gate applies:
// a state the server's hypervisor cannot reach is refused at plan time (OperationNotSupported naming
// driver, operation and release) whenever driver and release are declared or the server exists.
// - A flavor change resizes (resize, then confirm) in place; an image, zone or network change
//   replaces the server (schema `replaceOn`), never "update in place".
// - Create is all or nothing: a build that ends in ERROR (or lands on another driver, or cannot
//   reach the declared power state) is deleted and reported with nova's fault, never recorded.
// - A server found rescued, shelved or waiting for a resize confirmation shows that in power_state
//   and the next apply brings it back to the declared state; one nova holds in ERROR is planned for
//   replacement (visible on power_state).
import type { DriverId, Release } from "../../provisioners/drivers";
import { isPolyvisorError } from "../../provisioners/errors";
import type { OpenStackCloud, Server, ServerStatus } from "../../provisioners/openstack";
import type { InstanceOperations, OperationName } from "../../provisioners/operations";
import { resources } from "../schema";
import { Diagnostic, DiagnosticsError, error } from "../lifecycle/diagnostics";
import { replacePaths } from "../lifecycle/plan";
import { isUnknown, ObjectValue, PathStep, Value } from "../values";
import { PlanResult, ProviderContext, ResourceHandler } from "./handler";
import { authKnown, validateAuth } from "./private/api-auth";
import { changed, keepComputed, withDefaults } from "./private/api-plan";
import { renameServer, serverNetworkIds } from "./private/api-adapters";
import { apiSession, ApiSession, importSession } from "./private/api-session";
import { checkChoice, importNotFound } from "./private/api-validate";
import { openstackLayer } from "./private/openstack-layer";
import { stringList } from "./private/string-maps";

const TYPE = "polyvisor_instance";
const DEFAULTS = { power_state: "active" };
const LAUNCH_TIMEOUT_MS = 900_000;
const DELETE_TIMEOUT_MS = 300_000;
/** Changes that touch the server; without one, host, hypervisor and status keep their values. */
const SERVER_INPUTS = ["name", "image_id", "flavor_id", "availability_zone", "network_ids", "power_state"];

const steps = () => import("./private/instance-steps");
const launcher = () => import("./private/server-launch");

async function validate(config: ObjectValue): Promise<Diagnostic[]> {
  const { drivers } = await openstackLayer();
  const { POWER_STATES } = await steps();
  const out = [...validateAuth(config, TYPE), ...checkChoice(TYPE, config, "power_state", POWER_STATES)];
  if (typeof config.driver === "string" && !drivers.isDriverId(config.driver)) {
    const ids = drivers.listDrivers().map((d) => d.id);
    out.push(error(`${TYPE}: unknown driver`, `Got ${JSON.stringify(config.driver)}. Allowed: ${ids.join(", ")}.`, ["driver"]));
  }
  if (typeof config.release === "string" && !drivers.isRelease(config.release)) {
    out.push(error(`${TYPE}: unknown release`, `Got ${JSON.stringify(config.release)}. Allowed: ${drivers.RELEASES.join(", ")}.`, ["release"]));
  }
  return out;
}

/** A refusal of the driver layer or the operations layer as a diagnostic on the attribute it is about. */
function refusal(err: unknown, attribute: string, what: string): DiagnosticsError {
  if (!isPolyvisorError(err)) throw err;
  return new DiagnosticsError([error(`${TYPE}: ${what}: ${err.code}`, err.message, [attribute])]);
}

interface GateTarget {
  /** Every driver that may host the server (libvirt reports QEMU for KVM and TCG alike: each is gated). */
  readonly drivers: readonly DriverId[];
  readonly release?: Release;
}

/** Driver and release for the gate: declared, else (existing server, auth known) asked of the cloud. */
async function gateTarget(prior: ObjectValue | null, config: ObjectValue, ctx: ProviderContext): Promise<GateTarget> {
  const driver = typeof config.driver === "string" ? (config.driver as DriverId) : undefined;
  const declared = typeof config.release === "string" ? (config.release as Release) : undefined;
  if ((driver && declared) || !prior || !authKnown(config.auth ?? null)) return { drivers: driver ? [driver] : [], release: declared };
  const { operations } = await openstackLayer();
  const s = await apiSession(TYPE, config.auth);
  const release = declared ?? (await s.call("finding the cloud's release", (c) => operations.resolveRelease(c)));
  if (driver) return { drivers: [driver], release };
  const server = await s.call(`reading server ${prior.id}`, (c) => c.servers.get(prior.id as string));
  try {
    return { drivers: await operations.resolveDrivers(s.cloud, server, {}), release };
  } catch (err) {
    if (!isPolyvisorError(err, "DriverUnknown")) throw err;
    ctx.log(`[INFO] ${TYPE}: driver of server ${prior.id} not visible at plan time; the gate runs at apply`);
    return { drivers: [], release };
  }
}

async function planInstance(prior: ObjectValue | null, config: ObjectValue, planned: ObjectValue, ctx: ProviderContext): Promise<PlanResult> {
  let out = withDefaults(config, planned, DEFAULTS);
  const desired = out.power_state;
  if (typeof desired !== "string") return { planned: out };
  // A replacement is planned again as a create (prior null): its launch is gated there.
  if (prior && replacePaths(resources[TYPE], prior, out).length > 0) return { planned: out };
  // A server nova holds in ERROR is no working server: replace it, visibly (power_state "error" forces it).
  if (prior?.status === "ERROR") return { planned: out, requiresReplace: [["power_state"]] };
  if (prior && changed(prior, out, SERVER_INPUTS).length === 0) out = keepComputed(prior, out, ["host", "hypervisor_hostname", "status"]);
  const m = await steps();
  let list: OperationName[];
  try {
    list = m.instanceSteps({ status: prior ? (prior.status as ServerStatus) : null, desired, resize: prior !== null && changed(prior, out, ["flavor_id"]).length > 0 });
  } catch (err) {
    throw refusal(err, "power_state", `server ${prior?.id ?? ""} cannot be brought to power_state "${desired}"`);
  }
  if (list.length === 0) return { planned: out };
  const target = await gateTarget(prior, config, ctx);
  if (target.release) {
    for (const driver of target.drivers) {
      const refused = m.firstRefusal(list, driver, target.release);
      if (refused) throw refusal(refused.error, m.attributeOf(refused.step), `${refused.step} is refused before any request`);
    }
  }
  return { planned: out };
}

interface Apply {
  readonly s: ApiSession;
  readonly ops: InstanceOperations;
  readonly options: { driver?: DriverId; release?: Release };
}

async function applyContext(v: ObjectValue, ctx: ProviderContext): Promise<Apply> {
  const { operations } = await openstackLayer();
  const s = await apiSession(TYPE, v.auth);
  const ops = new operations.InstanceOperations(s.cloud, {
    release: typeof v.release === "string" ? v.release : undefined,
    onProgress: (e) => ctx.log(`[INFO] ${TYPE}: ${e.operation} ${e.phase}: ${e.message}`),
  });
  const options = {
    ...(typeof v.driver === "string" ? { driver: v.driver as DriverId } : {}),
    ...(typeof v.release === "string" ? { release: v.release as Release } : {}),
  };
  return { s, ops, options };
}

/** Runs one operations-layer call; its refusal or failure becomes a diagnostic (on `attribute` when given). */
async function operate<T>(a: Apply, step: string, attribute: PathStep | undefined, body: () => Promise<T>): Promise<T> {
  return a.s.call(step, body, attribute === undefined ? undefined : [attribute]);
}

async function converge(a: Apply, id: string, desired: string): Promise<void> {
  await operate(a, `bringing server ${id} to power_state "${desired}"`, "power_state", () => a.ops.convergePowerState(id, desired, a.options));
}

/** The server's flavor id: nova 2.47+ shows only the flavor's name, so match it to an id. */
async function flavorIdOf(s: ApiSession, server: Server, priorFlavorId: Value): Promise<string> {
  if (server.flavor.id) return server.flavor.id;
  const name = server.flavor.original_name;
  if (typeof priorFlavorId === "string") {
    const prior = await s.find(`reading flavor ${priorFlavorId}`, (c) => c.flavors.get(priorFlavorId));
    if (!name || prior?.name === name) return priorFlavorId;
  }
  const byName = name ? await s.call(`finding flavor "${name}"`, (c) => c.flavors.find(name)) : undefined;
  return byName?.id ?? (typeof priorFlavorId === "string" ? priorFlavorId : "");
}

async function stateOf(s: ApiSession, server: Server, prior: ObjectValue) {
  const m = await steps();
  const [flavorId, networkIds] = await Promise.all([
    flavorIdOf(s, server, prior.flavor_id ?? null),
    s.call(`reading the ports of server ${server.id}`, (c) => serverNetworkIds(c, server.id)),
  ]);
  return m.serverState(server, prior, { flavorId, networkIds }) as ObjectValue;
}

/** The applied state: the plan, with the values it left unknown taken from the server. */
function filled(planned: ObjectValue, actual: ObjectValue): ObjectValue {
  return Object.fromEntries(Object.entries(planned).map(([k, v]) => [k, isUnknown(v) ? (actual[k] ?? null) : v]));
}

async function getServer(s: ApiSession, id: string): Promise<Server> {
  return s.call(`reading server ${id}`, (c: OpenStackCloud) => c.servers.get(id));
}

export const instance: ResourceHandler = {
  typeName: TYPE,
  definition: resources[TYPE],
  validate,
  plan: ({ prior, config, planned }, ctx) => planInstance(prior, config, planned, ctx),
  async create(planned, _config, ctx) {
    const a = await applyContext(planned, ctx);
    const { operations } = await openstackLayer();
    const { launchServer, deleteServer } = await launcher();
    const name = planned.name as string;
    // The launch gate needs the release only when the driver is declared (else the landing host decides).
    const release = a.options.driver ? await a.s.call("finding the cloud's release", (c) => operations.resolveRelease(c, a.options.release)) : undefined;
    // A failed build is about image, flavor and host together: the diagnostic points at the resource.
    const server = await operate(a, `launching server "${name}"`, undefined, () =>
      launchServer(a.s.cloud, {
        server: {
          name,
          imageRef: planned.image_id as string,
          flavorRef: planned.flavor_id as string,
          networks: stringList(planned.network_ids),
          ...(typeof planned.availability_zone === "string" ? { availability_zone: planned.availability_zone } : {}),
        },
        driver: a.options.driver,
        release,
        timeoutMs: LAUNCH_TIMEOUT_MS,
        onProgress: (e) => ctx.log(`[INFO] ${TYPE}: ${e.message}`),
      }),
    );
    const desired = planned.power_state as string;
    try {
      if (desired !== "active") await converge(a, server.id, desired);
    } catch (err) {
      // The declared instance could not be made: do not leave an untracked server behind.
      await deleteServer(a.s.cloud, server.id, DELETE_TIMEOUT_MS).catch(() => undefined);
      throw err;
    }
    return filled(planned, await stateOf(a.s, await getServer(a.s, server.id), planned));
  },
  async update(prior, planned, _config, ctx) {
    const a = await applyContext(planned, ctx);
    const id = prior.id as string;
    if (prior.name !== planned.name) await a.s.call(`renaming server ${id}`, (c) => renameServer(c, id, planned.name as string), ["name"]);
    if (prior.flavor_id !== planned.flavor_id) {
      // Nova resizes only active or stopped servers: get there first (the declared state when it is one).
      const desired = planned.power_state as string;
      await converge(a, id, desired === "active" || desired === "shutoff" ? desired : "active");
      await operate(a, `resizing server ${id} to flavor ${planned.flavor_id}`, "flavor_id", () =>
        a.ops.run("resize", id, { ...a.options, flavor: planned.flavor_id as string, then: "confirm" }),
      );
    }
    const now = await getServer(a.s, id);
    const m = await steps();
    if (m.FOUND_STATE_BY_STATUS[now.status] !== planned.power_state) await converge(a, id, planned.power_state as string);
    return filled(planned, await stateOf(a.s, await getServer(a.s, id), planned));
  },
  async delete(prior) {
    const s = await apiSession(TYPE, prior.auth);
    const { deleteServer } = await launcher();
    await s.call(`deleting server ${prior.id}`, (c) => deleteServer(c, prior.id as string, DELETE_TIMEOUT_MS));
  },
  async read(state) {
    const s = await apiSession(TYPE, state.auth);
    const server = await s.find(`reading server ${state.id}`, (c) => c.servers.get(state.id as string));
    if (!server || server.status === "DELETED" || server.status === "SOFT_DELETED") return null;
    return stateOf(s, server, state);
  },
  async import(id) {
    const { auth, session } = await importSession(TYPE);
    const server = await session.find(`reading server ${id}`, (c) => c.servers.get(id));
    if (!server || server.status === "DELETED" || server.status === "SOFT_DELETED") throw importNotFound(TYPE, id, "server");
    return stateOf(session, server, { auth, driver: null, release: null, network_ids: null, power_state: "active" });
  },
};
