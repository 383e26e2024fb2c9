// The schema-driven part of PlanResourceChange, the same for every resource type:
// - on create, a computed attribute the configuration leaves null is unknown until apply;
// - on update, prior computed values are kept, except that computed-only attributes (other than
//   `id`) become unknown when any configured input changed; new nested block elements get unknowns;
// - requires_replace lists every `replaceOn` path whose value differs between prior and plan.
import { BlockSchema, ResourceDefinition } from "../schema";
import { blockType, cloneValue, isObject, ObjectValue, PathStep, UNKNOWN, Value, valuesEqual } from "../values";

// A computed attribute is null in the proposal exactly when the configuration leaves it unset (a
// configured value would be there), so null is the one signal needed, in every nesting mode.
function markUnknownComputed(block: BlockSchema, planned: ObjectValue): void {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.computed && planned[name] === null) planned[name] = UNKNOWN;
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const value = planned[name] ?? null;
    const elements: Value[] = Array.isArray(value) ? value : nested.nesting_mode === "map" && isObject(value) ? Object.values(value) : [value];
    for (const e of elements) if (isObject(e)) markUnknownComputed(nested.block, e);
  }
}

/** Did any attribute the configuration can set change between prior state and proposal? */
export function configuredInputsChanged(block: BlockSchema, prior: ObjectValue, proposed: ObjectValue): boolean {
  const type = blockType(block);
  const fields = (type as ["object", Record<string, never>])[1];
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.computed && !attr.optional) continue;
    if (!valuesEqual(prior[name] ?? null, proposed[name] ?? null, fields[name])) return true;
  }
  for (const name of Object.keys(block.block_types ?? {})) {
    if (!valuesEqual(prior[name] ?? null, proposed[name] ?? null, fields[name])) return true;
  }
  return false;
}

export function schemaDrivenPlan(block: BlockSchema, prior: ObjectValue | null, proposed: ObjectValue): ObjectValue {
  const planned = cloneValue(proposed);
  if (prior === null) {
    markUnknownComputed(block, planned);
    return planned;
  }
  if (configuredInputsChanged(block, prior, proposed)) {
    for (const [name, attr] of Object.entries(block.attributes ?? {})) {
      if (attr.computed && !attr.optional && name !== "id") planned[name] = UNKNOWN;
    }
  }
  // New nested elements have null computed attributes in the proposal.
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    markUnknownComputed({ description_kind: "plain", block_types: { [name]: nested } }, planned);
  }
  return planned;
}

function valueAt(v: Value, steps: string[]): Value[] {
  if (steps.length === 0) return [v];
  if (Array.isArray(v)) return v.flatMap((x) => valueAt(x, steps));
  if (!isObject(v)) return [v];
  return valueAt(v[steps[0]] ?? null, steps.slice(1));
}

/** `replaceOn` paths (`name` or `block.attr`) whose value differs between prior and planned. */
export function replacePaths(def: ResourceDefinition, prior: ObjectValue, planned: ObjectValue): PathStep[][] {
  const out: PathStep[][] = [];
  for (const dotted of def.replaceOn) {
    const steps = dotted.split(".");
    const before = valueAt(prior, steps);
    const after = valueAt(planned, steps);
    const same = before.length === after.length && before.every((b, i) => valuesEqual(b, after[i]));
    // A nested attribute is reported at its block: the whole block then forces replacement.
    if (!same) out.push([steps[0]]);
  }
  return out;
}
