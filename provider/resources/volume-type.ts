// polyvisor_volume_type: a Cinder volume type tied to a backend by `volume_backend_name` (the extra
// spec cinder's scheduler matches against each backend section). Several backends of one kind are
// told apart only by that name, so it is its own required attribute; backend and other extra specs
// and visibility change in place, the name replaces the type.
import type { VolumeType } from "../../provisioners/openstack";
import { resources } from "../schema";
import { Diagnostic } from "../lifecycle/diagnostics";
import { ObjectValue, Value } from "../values";
import { ResourceHandler } from "./handler";
import { validateAuth } from "./private/api-auth";
import { withDefaults } from "./private/api-plan";
import { setVolumeTypePublic } from "./private/api-adapters";
import { apiSession, ApiSession, deleteIfExists, importSession } from "./private/api-session";
import { checkMapKeys, importNotFound } from "./private/api-validate";
import { mapChanges, mapState, StringMap, stringMap } from "./private/string-maps";

const TYPE = "polyvisor_volume_type";
const BACKEND_KEY = "volume_backend_name";
const DEFAULTS = { is_public: true };

function validate(config: ObjectValue): Diagnostic[] {
  return [
    ...validateAuth(config, TYPE),
    ...checkMapKeys(TYPE, config, "extra_specs", (key) =>
      key === BACKEND_KEY ? "It has its own attribute. Fix: set volume_backend_name instead." : undefined,
    ),
  ];
}

/** Every extra spec the type carries for the configuration. */
export function desiredSpecs(v: ObjectValue): StringMap {
  return { ...stringMap(v.extra_specs), ...(typeof v.volume_backend_name === "string" ? { [BACKEND_KEY]: v.volume_backend_name } : {}) };
}

type CinderType = VolumeType & { readonly "os-volume-type-access:is_public"?: boolean };

export function volumeTypeState(t: CinderType, prior: { readonly extra_specs?: Value; readonly auth?: Value }): ObjectValue {
  const { [BACKEND_KEY]: backend, ...others } = t.extra_specs ?? {};
  return {
    id: t.id,
    name: t.name,
    volume_backend_name: backend ?? null,
    extra_specs: mapState(others, prior.extra_specs ?? null),
    is_public: t.is_public ?? t["os-volume-type-access:is_public"] ?? true,
    auth: prior.auth ?? null,
  };
}

async function setSpecs(s: ApiSession, id: string, current: StringMap, desired: StringMap): Promise<void> {
  const { set, remove } = mapChanges(current, desired);
  const where = (key: string) => (key === BACKEND_KEY ? [BACKEND_KEY] : ["extra_specs", { key }]);
  if (Object.keys(set).length > 0) {
    await s.call(`setting extra specs of volume type ${id}`, (c) => c.volumes.setTypeExtraSpecs(id, set), Object.keys(set).length === 1 ? where(Object.keys(set)[0]) : ["extra_specs"]);
  }
  for (const key of remove) await s.call(`removing extra spec "${key}" of volume type ${id}`, (c) => c.volumes.deleteTypeExtraSpec(id, key), where(key));
}

export const volumeType: ResourceHandler = {
  typeName: TYPE,
  definition: resources[TYPE],
  validate,
  plan: ({ config, planned }) => ({ planned: withDefaults(config, planned, DEFAULTS) }),
  async create(planned) {
    const s = await apiSession(TYPE, planned.auth);
    const name = planned.name as string;
    const created = await s.call(`creating volume type "${name}"`, (c) => c.volumes.createType(name, desiredSpecs(planned), planned.is_public as boolean), ["name"]);
    return { ...planned, id: created.id };
  },
  async update(prior, planned) {
    const s = await apiSession(TYPE, planned.auth);
    const id = prior.id as string;
    const current = await s.call(`reading volume type ${id}`, (c) => c.volumes.type(id));
    await setSpecs(s, id, current.extra_specs ?? {}, desiredSpecs(planned));
    const isPublic = planned.is_public as boolean;
    if (volumeTypeState(current, prior).is_public !== isPublic) {
      await s.call(`changing visibility of volume type ${id}`, (c) => setVolumeTypePublic(c, id, isPublic), ["is_public"]);
    }
    return planned;
  },
  async delete(prior) {
    const s = await apiSession(TYPE, prior.auth);
    await deleteIfExists(s, `deleting volume type ${prior.id}`, (c) => c.volumes.deleteType(prior.id as string));
  },
  async read(state) {
    const s = await apiSession(TYPE, state.auth);
    const t = await s.find(`reading volume type ${state.id}`, (c) => c.volumes.type(state.id as string));
    return t ? volumeTypeState(t, state) : null;
  },
  async import(id) {
    const { auth, session } = await importSession(TYPE);
    const t = await session.find(`reading volume type ${id}`, (c) => c.volumes.type(id));
    if (!t) throw importNotFound(TYPE, id, "volume type");
    return volumeTypeState(t, { extra_specs: null, auth });
  },
};
