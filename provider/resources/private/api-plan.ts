// Plan refinements every OpenStack API resource shares: attributes the configuration leaves unset
// take their documented default (not the prior value, so drift of a defaulted attribute is put
// back), and computed values the change cannot touch keep their prior value instead of showing as
// "known after apply".
import { isUnknown, ObjectValue, UNKNOWN, Value, valuesEqual } from "../../values";
import { planAuth } from "./api-auth";

export type Defaults = { readonly [name: string]: string | number | boolean };

export function withDefaults(config: ObjectValue, planned: ObjectValue, defaults: Defaults): ObjectValue {
  const out: ObjectValue = { ...planned, auth: planAuth(config.auth ?? null, planned.auth ?? null) };
  for (const [name, fallback] of Object.entries(defaults)) {
    const given = config[name] ?? null;
    out[name] = isUnknown(given) ? UNKNOWN : (given ?? fallback);
  }
  return out;
}

/** Did any of these attributes change between prior and planned (unknown counts as changed)? */
export function changed(prior: ObjectValue, planned: ObjectValue, names: readonly string[]): string[] {
  return names.filter((n) => !sameValue(prior[n] ?? null, planned[n] ?? null));
}

const sameValue = (a: Value, b: Value): boolean => valuesEqual(a, b);

/** Copies prior values of computed attributes into the plan. */
export function keepComputed(prior: ObjectValue, planned: ObjectValue, names: readonly string[]): ObjectValue {
  const out = { ...planned };
  for (const n of names) out[n] = prior[n] ?? null;
  return out;
}
