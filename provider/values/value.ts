// How the provider holds Terraform values in memory: plain JS values plus two markers.
//   null            -> null
//   UNKNOWN         -> a value known only after apply (any msgpack extension type on the wire)
//   string/number/boolean, arrays (list, set, tuple), plain objects (map, object)
//   DynamicTyped    -> a value of an attribute typed `dynamic`, carrying its concrete type
import { CtyType } from "../schema";

export class Unknown {
  static readonly instance = new Unknown();
  private constructor() {}
  toJSON(): string {
    return "(known after apply)";
  }
}
export const UNKNOWN = Unknown.instance;

export class DynamicTyped {
  constructor(readonly type: CtyType, readonly value: Value) {}
}

export type Value = null | Unknown | string | number | boolean | Value[] | ObjectValue | DynamicTyped;
export interface ObjectValue {
  [name: string]: Value;
}

export const isUnknown = (v: unknown): v is Unknown => v === UNKNOWN;
export const isObject = (v: Value): v is ObjectValue =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof DynamicTyped);

/** True when no part of the value is unknown. */
export function isWhollyKnown(v: Value): boolean {
  if (isUnknown(v)) return false;
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (v instanceof DynamicTyped) return isWhollyKnown(v.value);
  if (isObject(v)) return Object.values(v).every(isWhollyKnown);
  return true;
}

/** Structural equality; an unknown equals nothing (not even another unknown). Sets compare unordered. */
export function valuesEqual(a: Value, b: Value, type?: CtyType): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  if (a === null || b === null) return a === b;
  if (a instanceof DynamicTyped || b instanceof DynamicTyped) {
    return (
      a instanceof DynamicTyped &&
      b instanceof DynamicTyped &&
      JSON.stringify(a.type) === JSON.stringify(b.type) &&
      valuesEqual(a.value, b.value, a.type)
    );
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const element = Array.isArray(type) && type[0] !== "object" ? (type[1] as CtyType) : undefined;
    if (Array.isArray(type) && type[0] === "set") {
      const unmatched = [...b];
      return a.every((x) => {
        const i = unmatched.findIndex((y) => valuesEqual(x, y, element));
        return i >= 0 && unmatched.splice(i, 1).length === 1;
      });
    }
    return a.every((x, i) => valuesEqual(x, b[i], element));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const t = Array.isArray(type) ? (type[0] === "object" ? type[1][k] : (type[1] as CtyType)) : undefined;
      if (!valuesEqual(a[k] ?? null, b[k] ?? null, t)) return false;
    }
    return true;
  }
  return a === b;
}

/** Deep copy (markers are shared, they are immutable). */
export function cloneValue<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (v instanceof DynamicTyped) return new DynamicTyped(v.type, cloneValue(v.value)) as T;
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneValue(x)])) as T;
  return v;
}
