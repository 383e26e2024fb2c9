// polyvisor_flavor: a nova flavor. Flavors are immutable upstream, so every size attribute is in the
// schema's `replaceOn` and a change shows as a replacement in the plan; extra specs (what pins the
// flavor to a hypervisor's aggregate) change in place.
import type { Flavor } from "../../provisioners/openstack";
import { resources } from "../schema";
import { Diagnostic } from "../lifecycle/diagnostics";
import { ObjectValue, Value } from "../values";
import { ResourceHandler } from "./handler";
import { validateAuth } from "./private/api-auth";
import { withDefaults } from "./private/api-plan";
import { apiSession, ApiSession, deleteIfExists, importSession } from "./private/api-session";
import { checkNumbers, importNotFound, NumberRule } from "./private/api-validate";
import { mapChanges, mapState, StringMap, stringMap } from "./private/string-maps";

const TYPE = "polyvisor_flavor";
const DEFAULTS = { ephemeral_gb: 0, is_public: true };

export const FLAVOR_NUMBERS: readonly NumberRule[] = [
  { name: "vcpus", min: 1, unit: "vCPUs" },
  { name: "ram_mb", min: 1, unit: "MiB" },
  { name: "disk_gb", min: 0, unit: "GiB" },
  { name: "ephemeral_gb", min: 0, unit: "GiB" },
];

function validate(config: ObjectValue): Diagnostic[] {
  return [...validateAuth(config, TYPE), ...checkNumbers(TYPE, config, FLAVOR_NUMBERS)];
}

/** The flavor as state, from nova's flavor and its extra specs. */
export function flavorState(flavor: Flavor, specs: StringMap, prior: { readonly extra_specs?: Value; readonly auth?: Value }): ObjectValue {
  return {
    id: flavor.id,
    name: flavor.name,
    vcpus: flavor.vcpus,
    ram_mb: flavor.ram,
    disk_gb: flavor.disk,
    ephemeral_gb: flavor["OS-FLV-EXT-DATA:ephemeral"] ?? 0,
    is_public: flavor["os-flavor-access:is_public"] ?? true,
    extra_specs: mapState(specs, prior.extra_specs ?? null),
    auth: prior.auth ?? null,
  };
}

async function setSpecs(s: ApiSession, id: string, current: StringMap, desired: StringMap): Promise<void> {
  const { set, remove } = mapChanges(current, desired);
  const step = `setting extra specs of flavor ${id}`;
  if (Object.keys(set).length > 0) await s.call(step, (c) => c.flavors.setExtraSpecs(id, set), ["extra_specs"]);
  for (const key of remove) await s.call(step, (c) => c.flavors.deleteExtraSpec(id, key), ["extra_specs", { key }]);
}

async function readFlavor(s: ApiSession, id: string): Promise<{ flavor: Flavor; specs: StringMap } | undefined> {
  const flavor = await s.find(`reading flavor ${id}`, (c) => c.flavors.get(id));
  if (!flavor) return undefined;
  const specs = await s.call(`reading extra specs of flavor ${id}`, (c) => c.flavors.extraSpecs(id));
  return { flavor, specs: specs ?? {} };
}

export const flavor: ResourceHandler = {
  typeName: TYPE,
  definition: resources[TYPE],
  validate,
  plan: ({ config, planned }) => ({ planned: withDefaults(config, planned, DEFAULTS) }),
  async create(planned) {
    const s = await apiSession(TYPE, planned.auth);
    const name = planned.name as string;
    const created = await s.call(
      `creating flavor "${name}"`,
      (c) =>
        c.flavors.create({
          name,
          vcpus: planned.vcpus as number,
          ram: planned.ram_mb as number,
          disk: planned.disk_gb as number,
          "OS-FLV-EXT-DATA:ephemeral": planned.ephemeral_gb as number,
          "os-flavor-access:is_public": planned.is_public as boolean,
        }),
      ["name"],
    );
    try {
      await setSpecs(s, created.id, {}, stringMap(planned.extra_specs));
    } catch (err) {
      // Not half a flavor: without its extra specs it would land on any hypervisor.
      await deleteIfExists(s, `removing flavor ${created.id} after its extra specs failed`, (c) => c.flavors.delete(created.id)).catch(() => undefined);
      throw err;
    }
    return { ...planned, id: created.id };
  },
  async update(prior, planned) {
    const s = await apiSession(TYPE, planned.auth);
    const id = prior.id as string;
    const current = await s.call(`reading extra specs of flavor ${id}`, (c) => c.flavors.extraSpecs(id));
    await setSpecs(s, id, current ?? {}, stringMap(planned.extra_specs));
    return planned;
  },
  async delete(prior) {
    const s = await apiSession(TYPE, prior.auth);
    await deleteIfExists(s, `deleting flavor ${prior.id}`, (c) => c.flavors.delete(prior.id as string));
  },
  async read(state) {
    const s = await apiSession(TYPE, state.auth);
    const found = await readFlavor(s, state.id as string);
    return found ? flavorState(found.flavor, found.specs, state) : null;
  },
  async import(id) {
    const { auth, session } = await importSession(TYPE);
    const found = await readFlavor(session, id);
    if (!found) throw importNotFound(TYPE, id, "flavor");
    return flavorState(found.flavor, found.specs, { extra_specs: null, auth });
  },
};
