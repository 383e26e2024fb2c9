// Conversion between a generic decoded structure (from msgpack or JSON) and typed Values, driven by
// the schema type. Both wire formats share these rules; they differ only in how unknowns and
// dynamic values are spelled, which the caller passes in as `wire`.
import { CtyType } from "../schema";
import { typeName } from "./block-type";
import { DynamicTyped, ObjectValue, UNKNOWN, Value } from "./value";

export type PathStep = string | number | { readonly key: string };

/** A value that does not conform to the schema type; `path` says where. */
export class ValueConversionError extends Error {
  constructor(readonly path: readonly PathStep[], message: string) {
    super(`${formatPath(path) || "(root)"}: ${message}`);
  }
}

export function formatPath(path: readonly PathStep[]): string {
  return path
    .map((s, i) => (typeof s === "string" ? (i === 0 ? s : `.${s}`) : typeof s === "number" ? `[${s}]` : `[${JSON.stringify(s.key)}]`))
    .join("");
}

export interface WireRules {
  isUnknown(raw: unknown): boolean;
  /** Splits a dynamic value into its type and inner raw value. */
  splitDynamic(raw: unknown, path: readonly PathStep[]): { type: CtyType; raw: unknown };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);

export function toValue(raw: unknown, type: CtyType, wire: WireRules, path: PathStep[] = []): Value {
  if (raw === null || raw === undefined) return null;
  if (wire.isUnknown(raw)) return UNKNOWN;
  const fail = (what: string) => {
    throw new ValueConversionError(path, `expected ${typeName(type)}, got ${what}`);
  };
  if (type === "dynamic") {
    const inner = wire.splitDynamic(raw, path);
    return new DynamicTyped(inner.type, toValue(inner.raw, inner.type, wire, path));
  }
  if (type === "string") return typeof raw === "string" ? raw : fail(typeof raw);
  if (type === "bool") return typeof raw === "boolean" ? raw : fail(typeof raw);
  if (type === "number") {
    if (typeof raw === "number") return raw;
    if (typeof raw === "bigint") return Number(raw);
    // Numbers too large or precise for a float travel as strings.
    if (typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw);
    return fail(typeof raw);
  }
  const [kind, inner] = type;
  if (kind === "object") {
    if (!isPlainObject(raw)) return fail(Array.isArray(raw) ? "an array" : typeof raw);
    const out: ObjectValue = {};
    for (const [name, attrType] of Object.entries(inner)) out[name] = toValue(raw[name], attrType, wire, [...path, name]);
    return out;
  }
  if (kind === "map") {
    if (!isPlainObject(raw)) return fail(Array.isArray(raw) ? "an array" : typeof raw);
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, toValue(v, inner, wire, [...path, { key: k }])]));
  }
  if (!Array.isArray(raw)) return fail(typeof raw);
  return raw.map((v, i) => toValue(v, inner, wire, [...path, i]));
}

export interface WireWriter {
  unknown(): unknown;
  dynamic(type: CtyType, inner: unknown): unknown;
}

export function fromValue(value: Value, type: CtyType, wire: WireWriter, path: PathStep[] = []): unknown {
  if (value === null) return null;
  if (value === UNKNOWN) return wire.unknown();
  if (type === "dynamic") {
    if (!(value instanceof DynamicTyped)) throw new ValueConversionError(path, "a dynamic attribute needs a typed value");
    return wire.dynamic(value.type, fromValue(value.value, value.type, wire, path));
  }
  if (typeof type === "string") {
    if (typeof value !== (type === "bool" ? "boolean" : type)) {
      throw new ValueConversionError(path, `expected ${type}, got ${typeof value}`);
    }
    return value;
  }
  const [kind, inner] = type;
  if (kind === "object") {
    const obj = value as ObjectValue;
    return Object.fromEntries(Object.entries(inner).map(([name, t]) => [name, fromValue(obj[name] ?? null, t, wire, [...path, name])]));
  }
  if (kind === "map") {
    return Object.fromEntries(Object.entries(value as ObjectValue).map(([k, v]) => [k, fromValue(v, inner, wire, [...path, { key: k }])]));
  }
  if (!Array.isArray(value)) throw new ValueConversionError(path, `expected ${typeName(type)}`);
  return value.map((v, i) => fromValue(v, inner, wire, [...path, i]));
}
