// The typed model every INI file is rendered from: `{section: {key: value}}`. Each contributor
// (common settings, one driver, one backend) builds its own small model; `mergeSections` joins them
// and refuses two contributors that disagree on a key, so no option is set twice by accident.

import { PolyvisorError } from "../errors";

export type IniValue = string | number | boolean | readonly string[];
export type IniSection = { readonly [key: string]: IniValue };
export type IniModel = { readonly [section: string]: IniSection };

/** One piece of an INI file and who contributed it (named in conflict errors). */
export interface IniContribution {
  readonly source: string;
  readonly model: IniModel;
}

export function sameValue(a: IniValue, b: IniValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * Joins contributions into one model. Two contributors may both set a key only to the same value;
 * otherwise `ConfigConflict` names the file, section, key, both contributors and both values.
 */
export function mergeSections(contributions: readonly IniContribution[], file = "config file"): IniModel {
  const merged: Record<string, Record<string, IniValue>> = {};
  const owner: Record<string, string> = {};
  for (const { source, model } of contributions) {
    for (const [section, keys] of Object.entries(model)) {
      const target = (merged[section] ??= {});
      for (const [key, value] of Object.entries(keys)) {
        const slot = `${section}/${key}`;
        const existing = target[key];
        if (existing !== undefined && !sameValue(existing, value)) {
          throw new PolyvisorError("ConfigConflict", `[${section}] ${key} is set differently by ${owner[slot]} and ${source}`, {
            where: file,
            value: { [owner[slot]]: existing, [source]: value },
            allowed: "one value per option",
            fix: `set [${section}] ${key} in one place only, or use the explicit override hook to force a value`,
          });
        }
        target[key] = value;
        owner[slot] ??= source;
      }
    }
  }
  return merged;
}

/** Drops empty sections (a contributor with nothing to say leaves no `[section]` header). */
export function withoutEmptySections(model: IniModel): IniModel {
  return Object.fromEntries(Object.entries(model).filter(([, keys]) => Object.keys(keys).length > 0));
}

/** Keeps only keys whose value is defined: lets builders write `{ key: maybeUndefined }`. */
export function defined(section: { readonly [key: string]: IniValue | undefined }): IniSection {
  return Object.fromEntries(Object.entries(section).filter(([, v]) => v !== undefined)) as IniSection;
}
