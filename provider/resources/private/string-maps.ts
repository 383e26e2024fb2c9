// Maps of strings (metadata, extra specs, image properties) and lists compared as sets: what to set
// and remove to get from the cloud's map to the declared one, and how to report the cloud's view
// without inventing drift (an empty map stays null when the configuration left it unset; a list
// with the same members keeps the configuration's order).
import { isObject, ObjectValue, Value } from "../../values";

export type StringMap = { readonly [key: string]: string };

export function stringMap(v: Value): StringMap {
  if (!isObject(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export interface MapChanges {
  /** Keys to set, with their new values. */
  readonly set: StringMap;
  /** Keys to remove. */
  readonly remove: readonly string[];
}

/** What turns `current` into `desired`. */
export function mapChanges(current: StringMap, desired: StringMap): MapChanges {
  const set = Object.fromEntries(Object.entries(desired).filter(([k, v]) => current[k] !== v));
  const remove = Object.keys(current).filter((k) => !(k in desired));
  return { set, remove };
}

/** The cloud's map as state: null when empty and the prior state had it null. */
export function mapState(actual: StringMap, prior: Value): ObjectValue | null {
  if (Object.keys(actual).length === 0 && (prior === null || prior === undefined)) return null;
  return { ...actual };
}

/** A list as state: the prior order when the members are the same, null when empty and null before. */
export function setLikeListState(actual: readonly string[], prior: Value): string[] | null {
  const before = Array.isArray(prior) ? prior.filter((x): x is string => typeof x === "string") : null;
  if (actual.length === 0 && before === null) return null;
  if (before && before.length === actual.length && sameMembers(before, actual)) return before;
  return [...actual];
}

export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
}

export function stringList(v: Value): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
