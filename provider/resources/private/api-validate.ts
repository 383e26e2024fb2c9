// Side-effect-free checks shared by the API resources, driven by small tables: whole numbers in a
// range, values from a closed list, map keys that belong to another attribute. Unknown values are
// not checked yet (they are checked again once known).
import { PolyvisorError } from "../../../provisioners/errors";
import { Diagnostic, error } from "../../lifecycle/diagnostics";
import { isObject, ObjectValue } from "../../values";

export interface NumberRule {
  readonly name: string;
  readonly min: number;
  readonly max?: number;
  readonly unit: string;
}

export function checkNumbers(typeName: string, config: ObjectValue, rules: readonly NumberRule[]): Diagnostic[] {
  return rules.flatMap((r) => {
    const v = config[r.name];
    if (typeof v !== "number") return [];
    if (Number.isInteger(v) && v >= r.min && (r.max === undefined || v <= r.max)) return [];
    const range = r.max === undefined ? `${r.min} or more` : `${r.min} to ${r.max}`;
    return [error(`${typeName}: ${r.name} out of range`, `Got ${v}. Allowed: a whole number of ${r.unit}, ${range}.`, [r.name])];
  });
}

export function checkChoice(typeName: string, config: ObjectValue, name: string, allowed: readonly string[]): Diagnostic[] {
  const v = config[name];
  if (typeof v !== "string" || allowed.includes(v)) return [];
  return [error(`${typeName}: unknown ${name}`, `Got ${JSON.stringify(v)}. Allowed: ${allowed.join(", ")}.`, [name])];
}

/** Map keys that must be given through another attribute (or are not the user's to set). */
export function checkMapKeys(typeName: string, config: ObjectValue, mapName: string, refuse: (key: string) => string | undefined): Diagnostic[] {
  const map = config[mapName];
  if (!isObject(map)) return [];
  return Object.keys(map).flatMap((key) => {
    const why = refuse(key);
    return why ? [error(`${typeName}: ${mapName} may not set "${key}"`, why, [mapName, { key }])] : [];
  });
}

export function importNotFound(typeName: string, id: string, what: string): PolyvisorError {
  return new PolyvisorError("ImportNotFound", `no ${what} with this id in the cloud`, {
    where: `terraform import ${typeName}`,
    value: id,
    fix: `check the id (it is the ${what}'s id as the cloud lists it) and the OS_* credentials' project and region`,
  });
}
