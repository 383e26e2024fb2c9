// Which fields of a Glance image are the user's properties. Glance returns custom properties at the
// top level of the image, next to its core fields and to fields Glance itself writes (hashes,
// stores, import bookkeeping). Only the properties the configuration set are compared, so what
// Glance adds never shows as drift; and the configuration may not set fields Glance owns or that
// have their own attribute.
import { StringMap } from "./string-maps";

/** Image fields Glance owns or that are core fields of the image API (not custom properties). */
export const GLANCE_OWNED_FIELDS: readonly string[] = [
  "id", "name", "status", "visibility", "protected", "checksum", "owner", "size", "virtual_size",
  "min_ram", "min_disk", "disk_format", "container_format", "created_at", "updated_at", "tags",
  "direct_url", "locations", "self", "file", "schema", "os_hidden", "os_hash_algo", "os_hash_value", "stores",
];

/** Prefixes of properties Glance writes itself (interoperable import, reserved namespace). */
export const GLANCE_OWNED_PREFIXES: readonly string[] = ["os_glance_"];

/** Properties that have their own attribute on polyvisor_image. */
export const ATTRIBUTE_PROPERTIES: readonly string[] = ["hypervisor_type", "vm_mode"];

export type PropertyKind = "glance" | "attribute" | "user";

export function propertyKind(key: string): PropertyKind {
  if (GLANCE_OWNED_FIELDS.includes(key) || GLANCE_OWNED_PREFIXES.some((p) => key.startsWith(p))) return "glance";
  if (ATTRIBUTE_PROPERTIES.includes(key)) return "attribute";
  return "user";
}

/** The image's custom properties (string-valued, neither Glance's nor attributes of their own). */
export function userProperties(image: { readonly [field: string]: unknown }): StringMap {
  return Object.fromEntries(
    Object.entries(image).filter((e): e is [string, string] => typeof e[1] === "string" && propertyKind(e[0]) === "user"),
  );
}

/**
 * The properties as state: only the keys the prior state had (the user set them), with the image's
 * values; a key the image lost is left out, so the plan shows it being set again. With no prior
 * keys (import) every custom property is reported.
 */
export function comparedProperties(image: { readonly [field: string]: unknown }, priorKeys: readonly string[] | null): StringMap {
  const all = userProperties(image);
  if (priorKeys === null) return all;
  return Object.fromEntries(priorKeys.filter((k) => k in all).map((k) => [k, all[k]]));
}
