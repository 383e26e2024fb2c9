// polyvisor_image: a Glance image with the properties that steer it to the right hypervisor
// (hypervisor_type, vm_mode, others in `properties`). Name, formats and source replace the image;
// properties and visibility change in place. Only the properties the configuration set are
// compared: what Glance adds itself (os_hash_*, stores, os_glance_*) never shows as drift.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Image } from "../../provisioners/openstack";
import { PolyvisorError } from "../../provisioners/errors";
import { resources } from "../schema";
import { Diagnostic, error } from "../lifecycle/diagnostics";
import { ObjectValue, Value } from "../values";
import { ResourceHandler } from "./handler";
import { validateAuth } from "./private/api-auth";
import { changed, keepComputed, withDefaults } from "./private/api-plan";
import { apiSession, ApiSession, deleteIfExists, importSession } from "./private/api-session";
import { checkChoice, checkMapKeys, importNotFound } from "./private/api-validate";
import { comparedProperties, propertyKind } from "./private/glance-properties";
import { mapChanges, mapState, StringMap, stringMap } from "./private/string-maps";
import { openstackLayer } from "./private/openstack-layer";

const TYPE = "polyvisor_image";
const DEFAULTS = { visibility: "public" };
const VISIBILITIES = ["public", "private", "shared", "community"] as const;
/** Glance statuses after which an image will never become active. */
const DEAD = ["killed", "deleted", "pending_delete", "deactivated"];
/** Glance statuses in which the image no longer exists for terraform. */
const GONE = ["deleted", "pending_delete"];

function validate(config: ObjectValue): Diagnostic[] {
  const out = [
    ...validateAuth(config, TYPE),
    ...checkChoice(TYPE, config, "visibility", VISIBILITIES),
    ...checkMapKeys(TYPE, config, "properties", (key) => {
      const kind = propertyKind(key);
      if (kind === "attribute") return `"${key}" has its own attribute. Fix: set ${key} = "..." on the image instead.`;
      if (kind === "glance") return `Glance owns "${key}" (a core field or one Glance writes itself). Allowed: custom properties such as hw_disk_bus, architecture, os_distro.`;
      return undefined;
    }),
  ];
  const source = config.source_path;
  if (typeof source === "string" && !path.isAbsolute(source)) {
    out.push(error(`${TYPE}: source_path must be absolute`, `Got ${JSON.stringify(source)}. Fix: give an absolute path (abspath(...) in HCL).`, ["source_path"]));
  }
  if (typeof config.source_host_path === "string") {
    out.push(
      error(
        `${TYPE}: source_host_path is not supported by this build`,
        "Uploading a file that lives on the controller host needs an SSH hop that polyvisor_image does not make yet. Fix: copy the file to the machine running terraform and give source_path.",
        ["source_host_path"],
      ),
    );
  }
  return out;
}

/** Every property the image carries for the configuration: hypervisor_type, vm_mode and the rest. */
export function desiredProperties(v: ObjectValue): StringMap {
  const attrs = Object.fromEntries(
    ["hypervisor_type", "vm_mode"].filter((k) => typeof v[k] === "string").map((k) => [k, v[k] as string]),
  );
  return { ...stringMap(v.properties), ...attrs };
}

/**
 * The image as state. Only what the user set is compared: hypervisor_type and vm_mode when the
 * prior state had them, and the prior state's property keys; an import reports every custom
 * property (and never Glance's own fields).
 */
export function imageState(image: Image, prior: { readonly [name: string]: Value }, imported = false): ObjectValue {
  const userSet = (key: string) => imported || (prior[key] !== null && prior[key] !== undefined);
  const attr = (key: string) => (userSet(key) && typeof image[key] === "string" ? (image[key] as string) : null);
  const priorKeys = imported ? null : Object.keys(stringMap(prior.properties ?? null));
  return {
    id: image.id,
    name: image.name,
    disk_format: image.disk_format ?? null,
    container_format: image.container_format ?? null,
    source_path: prior.source_path ?? null,
    source_host_path: prior.source_host_path ?? null,
    hypervisor_type: attr("hypervisor_type"),
    vm_mode: attr("vm_mode"),
    properties: mapState(comparedProperties(image, priorKeys), imported ? null : (prior.properties ?? null)),
    visibility: image.visibility ?? null,
    checksum: image.checksum ?? null,
    status: image.status,
    auth: prior.auth ?? null,
  };
}

/**
 * A new source_path means new image data, so a new image; except when an imported image (no
 * source_path in state) already holds exactly the file's bytes (Glance's checksum is their MD5).
 */
export function sourceReplaces(prior: ObjectValue, planned: ObjectValue): boolean {
  if (changed(prior, planned, ["source_path"]).length === 0) return false;
  const file = planned.source_path;
  if (prior.source_path !== null || typeof file !== "string" || typeof prior.checksum !== "string") return true;
  return !fs.existsSync(file) || fileMd5(file) !== prior.checksum;
}

export function fileMd5(file: string): string {
  const hash = crypto.createHash("md5");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

async function upload(s: ApiSession, image: Image, file: string): Promise<Image> {
  await s.call(`uploading ${file} to image ${image.id}`, (c) => c.images.upload(image.id, file), ["source_path"]);
  const { operations } = await openstackLayer();
  let last = image;
  await operations.waitUntil(
    async () => {
      last = await s.call(`reading image ${image.id}`, (c) => c.images.get(image.id));
      if (DEAD.includes(last.status)) return { settled: { failed: `Glance put the image in status ${last.status}` }, description: last.status };
      return { settled: last.status === "active" ? "done" : "pending", description: last.status };
    },
    { timeoutMs: 600_000, intervalMs: 1000, what: "image upload", where: `image ${image.name} (${image.id})` },
  );
  return last;
}

export const image: ResourceHandler = {
  typeName: TYPE,
  definition: resources[TYPE],
  validate,
  plan({ prior, config, planned }) {
    let out = withDefaults(config, planned, DEFAULTS);
    if (!prior) return { planned: out };
    const replace = sourceReplaces(prior, out) ? [["source_path"]] : [];
    // Property and visibility changes leave the data, so its checksum and status, as they are.
    if (replace.length === 0 && changed(prior, out, ["name", "disk_format", "container_format", "source_host_path"]).length === 0) {
      out = keepComputed(prior, out, ["checksum", "status"]);
    }
    return { planned: out, requiresReplace: replace };
  },
  async create(planned) {
    const s = await apiSession(TYPE, planned.auth);
    const file = planned.source_path as string | null;
    if (file !== null && !fs.existsSync(file)) {
      throw new PolyvisorError("ImageSourceMissing", "the image file does not exist on the machine running terraform", { where: "source_path", value: file, fix: "build or download the image first, or correct the path" });
    }
    const name = planned.name as string;
    let created = await s.call(
      `creating image "${name}"`,
      (c) =>
        c.images.create({
          name,
          disk_format: planned.disk_format as string,
          container_format: planned.container_format as string,
          visibility: planned.visibility as (typeof VISIBILITIES)[number],
          properties: desiredProperties(planned),
        }),
      ["properties"],
    );
    if (file !== null) {
      try {
        created = await upload(s, created, file);
      } catch (err) {
        // A queued or killed image is no image: take it away and say why.
        await deleteIfExists(s, `deleting image ${created.id} after its upload failed`, (c) => c.images.delete(created.id)).catch(() => undefined);
        throw err;
      }
    }
    return { ...planned, id: created.id, checksum: created.checksum ?? null, status: created.status };
  },
  async update(prior, planned) {
    const s = await apiSession(TYPE, planned.auth);
    const id = prior.id as string;
    const current = await s.call(`reading image ${id}`, (c) => c.images.get(id));
    // Remove only what the configuration set before and no longer sets: Glance's own fields stay.
    const before = desiredProperties(prior);
    const { set, remove } = mapChanges(before, desiredProperties(planned));
    const changes: { [key: string]: string | null } = { ...set, ...Object.fromEntries(remove.map((k) => [k, null])) };
    if (planned.visibility !== current.visibility) changes.visibility = planned.visibility as string;
    const updated = await s.call(`updating properties of image ${id}`, (c) => c.images.updateProperties(id, changes, current), ["properties"]);
    return { ...planned, checksum: updated.checksum ?? null, status: updated.status };
  },
  async delete(prior) {
    const s = await apiSession(TYPE, prior.auth);
    await deleteIfExists(s, `deleting image ${prior.id}`, (c) => c.images.delete(prior.id as string));
  },
  async read(state) {
    const s = await apiSession(TYPE, state.auth);
    const found = await s.find(`reading image ${state.id}`, (c) => c.images.get(state.id as string));
    return found && !GONE.includes(found.status) ? imageState(found, state) : null;
  },
  async import(id) {
    const { auth, session } = await importSession(TYPE);
    const found = await session.find(`reading image ${id}`, (c) => c.images.get(id));
    if (!found || GONE.includes(found.status)) throw importNotFound(TYPE, id, "image");
    return imageState(found, { auth }, true);
  },
};
