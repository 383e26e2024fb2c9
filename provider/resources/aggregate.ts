// polyvisor_aggregate: a nova host aggregate, optionally an availability zone. Everything converges
// in place: name, availability zone, metadata (what flavors' aggregate_instance_extra_specs match)
// and hosts; only taking the zone away replaces the aggregate (nova refuses an empty zone). Nova keeps the zone as the metadata key `availability_zone`; it is reported only as
// the attribute of that name, never as metadata drift.
import type { Aggregate } from "../../provisioners/openstack";
import { resources } from "../schema";
import { Diagnostic } from "../lifecycle/diagnostics";
import { ObjectValue, Value } from "../values";
import { ResourceHandler } from "./handler";
import { validateAuth } from "./private/api-auth";
import { withDefaults } from "./private/api-plan";
import { renameAggregate } from "./private/api-adapters";
import { apiSession, ApiSession, deleteIfExists, importSession } from "./private/api-session";
import { isNotFound } from "./private/api-call";
import { checkMapKeys, importNotFound } from "./private/api-validate";
import { mapChanges, mapState, setLikeListState, stringList, stringMap } from "./private/string-maps";

const TYPE = "polyvisor_aggregate";
const ZONE_KEY = "availability_zone";

function validate(config: ObjectValue): Diagnostic[] {
  return [
    ...validateAuth(config, TYPE),
    ...checkMapKeys(TYPE, config, "metadata", (key) =>
      key === ZONE_KEY ? "Nova keeps the availability zone as this metadata key. Fix: set the availability_zone attribute instead." : undefined,
    ),
  ];
}

/** The aggregate as state; the zone's metadata key is the availability_zone attribute only. */
export function aggregateState(agg: Aggregate, prior: { readonly metadata?: Value; readonly hosts?: Value; readonly auth?: Value }): ObjectValue {
  const { [ZONE_KEY]: _zone, ...metadata } = agg.metadata ?? {};
  return {
    id: String(agg.id),
    name: agg.name,
    availability_zone: agg.availability_zone ?? null,
    metadata: mapState(metadata, prior.metadata ?? null),
    hosts: setLikeListState(agg.hosts ?? [], prior.hosts ?? null),
    auth: prior.auth ?? null,
  };
}

/**
 * Nova can move an aggregate to another zone but refuses to take its zone away ("does not support
 * empty named availability zone"): removing availability_zone replaces the aggregate, visibly.
 */
export function zoneRemoved(prior: ObjectValue | null, planned: ObjectValue): boolean {
  return typeof prior?.availability_zone === "string" && planned.availability_zone === null;
}

/** Brings an existing aggregate to the planned name, zone, metadata and hosts. */
async function converge(s: ApiSession, agg: Aggregate, planned: ObjectValue): Promise<void> {
  const id = String(agg.id);
  const name = planned.name as string;
  if (agg.name !== name) await s.call(`renaming aggregate ${id}`, (c) => renameAggregate(c, id, name), ["name"]);
  const { [ZONE_KEY]: _zone, ...metadata } = agg.metadata ?? {};
  const zone = (planned.availability_zone as string | null) ?? null;
  const { set, remove } = mapChanges(metadata, stringMap(planned.metadata));
  const changes: { [key: string]: string | null } = { ...set, ...Object.fromEntries(remove.map((k) => [k, null])) };
  if (zone !== null && agg.availability_zone !== zone) changes[ZONE_KEY] = zone;
  if (Object.keys(changes).length > 0) {
    const attribute = ZONE_KEY in changes && Object.keys(changes).length === 1 ? [ZONE_KEY] : ["metadata"];
    await s.call(`setting metadata of aggregate ${id}`, (c) => c.aggregates.setMetadata(id, changes), attribute);
  }
  const want = stringList(planned.hosts);
  // Nova's create answer carries no hosts (nor metadata): a new aggregate has none.
  const have = agg.hosts ?? [];
  for (const host of have.filter((h) => !want.includes(h))) {
    await s.call(`removing host "${host}" from aggregate ${id}`, (c) => c.aggregates.removeHost(id, host), ["hosts"]);
  }
  for (const host of want.filter((h) => !have.includes(h))) {
    await s.call(`adding host "${host}" to aggregate ${id}`, (c) => addHostOnceMapped(c, id, host), ["hosts"]);
    await s.call(`waiting for host "${host}" to offer resources in placement`, (c) => waitForInventory(c, host), ["hosts"]);
  }
}

/**
 * A host just added is mapped but may not have reported its inventory to placement yet (it does
 * so right after registering), nor been mapped into its cell: servers aimed at the aggregate
 * would get "No valid host" or "not mapped to any cell". Wait,
 * bounded, until the host's resource provider has inventory; a host that never reports is left
 * to nova (the wait only avoids the start-up race).
 */
async function waitForInventory(c: Parameters<Parameters<ApiSession["call"]>[1]>[0], host: string): Promise<void> {
  const deadline = Date.now() + HOST_MAPPING_WAIT_MS;
  while (Date.now() < deadline) {
    const rp = (await c.placement.resourceProviders({ name: host }))[0];
    if (rp && Object.keys(await c.placement.inventories(rp.uuid)).length > 0) {
      // The scheduler maps new hosts into their cell periodically (the controller's
      // discover_hosts_in_cells_interval, 5 s): give it two rounds, or a server scheduled there
      // fails with "Host ... is not mapped to any cell".
      await new Promise((r) => setTimeout(r, HOST_DISCOVERY_SETTLE_MS));
      return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Two rounds of the scheduler's periodic host discovery (5 s on polyvisor's controllers), plus slack. */
const HOST_DISCOVERY_SETTLE_MS = 12_000;

/** How long a new nova-compute host may take to be mapped into a cell (the scheduler maps new hosts periodically). */
const HOST_MAPPING_WAIT_MS = 120_000;

/**
 * Nova answers 404 for a host that is up but not yet mapped into a cell: a freshly deployed compute
 * node appears within the scheduler's discovery interval. Retry until then; any other error, or a
 * host still unknown after the wait, is reported as it is.
 */
async function addHostOnceMapped(c: Parameters<Parameters<ApiSession["call"]>[1]>[0], id: string, host: string): Promise<unknown> {
  const deadline = Date.now() + HOST_MAPPING_WAIT_MS;
  for (;;) {
    try {
      return await c.aggregates.addHost(id, host);
    } catch (err) {
      if (!isNotFound(err) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

export const aggregate: ResourceHandler = {
  typeName: TYPE,
  definition: resources[TYPE],
  validate,
  plan({ prior, config, planned }) {
    const out = withDefaults(config, planned, {});
    return { planned: out, requiresReplace: zoneRemoved(prior, out) ? [[ZONE_KEY]] : [] };
  },
  async create(planned) {
    const s = await apiSession(TYPE, planned.auth);
    const name = planned.name as string;
    const zone = (planned.availability_zone as string | null) ?? undefined;
    const created = await s.call(`creating aggregate "${name}"`, (c) => c.aggregates.create(name, zone), zone ? [ZONE_KEY] : ["name"]);
    const id = String(created.id);
    try {
      await converge(s, created, planned);
    } catch (err) {
      // An aggregate without its hosts or metadata would steer flavors wrongly: take it back out.
      await removeAggregate(s, id).catch(() => undefined);
      throw err;
    }
    return { ...planned, id };
  },
  async update(prior, planned) {
    const s = await apiSession(TYPE, planned.auth);
    const id = prior.id as string;
    const current = await s.call(`reading aggregate ${id}`, (c) => c.aggregates.get(id));
    await converge(s, current, planned);
    return planned;
  },
  async delete(prior) {
    const s = await apiSession(TYPE, prior.auth);
    await removeAggregate(s, prior.id as string);
  },
  async read(state) {
    const s = await apiSession(TYPE, state.auth);
    const agg = await s.find(`reading aggregate ${state.id}`, (c) => c.aggregates.get(state.id as string));
    return agg ? aggregateState(agg, state) : null;
  },
  async import(id) {
    const { auth, session } = await importSession(TYPE);
    const agg = await session.find(`reading aggregate ${id}`, (c) => c.aggregates.get(id));
    if (!agg) throw importNotFound(TYPE, id, "aggregate");
    return aggregateState(agg, { metadata: null, hosts: null, auth });
  },
};

/** Nova refuses to delete an aggregate that still has hosts: remove them first. */
async function removeAggregate(s: ApiSession, id: string): Promise<void> {
  const agg = await s.find(`reading aggregate ${id}`, (c) => c.aggregates.get(id));
  if (!agg) return;
  for (const host of agg.hosts ?? []) await s.call(`removing host "${host}" from aggregate ${id}`, (c) => c.aggregates.removeHost(id, host));
  await deleteIfExists(s, `deleting aggregate ${id}`, (c) => c.aggregates.delete(id));
}
