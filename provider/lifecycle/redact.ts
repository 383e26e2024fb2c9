// Defence in depth for secrets: every string found under a sensitive attribute of the values a
// call decoded is blanked out of that call's diagnostics, whatever a handler put in its messages.
import { BlockSchema } from "../schema";
import { DynamicTyped, isObject, Value } from "../values";
import { Diagnostic } from "./diagnostics";

const REDACTED = "(sensitive value)";
/** Shorter strings would blank ordinary words; no real secret is this short. */
const MIN_SECRET_LENGTH = 4;

function strings(v: Value, out: Set<string>): void {
  if (typeof v === "string") out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v instanceof DynamicTyped) strings(v.value, out);
  else if (isObject(v)) Object.values(v).forEach((x) => strings(x, out));
}

/** Adds every string under a sensitive attribute of `value` (an object of `block`) to `out`. */
export function collectSecrets(block: BlockSchema, value: Value, out: Set<string>): void {
  if (!isObject(value)) return;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.sensitive) strings(value[name] ?? null, out);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const v = value[name] ?? null;
    const elements = Array.isArray(v) ? v : nested.nesting_mode === "map" && isObject(v) ? Object.values(v) : [v];
    elements.forEach((e) => collectSecrets(nested.block, e, out));
  }
}

export function redactDiagnostics(diags: readonly Diagnostic[], secrets: ReadonlySet<string>): Diagnostic[] {
  const list = [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  if (list.length === 0) return [...diags];
  const clean = (text: string | undefined) => (text === undefined ? text : list.reduce((t, s) => t.split(s).join(REDACTED), text));
  return diags.map((d) => ({ ...d, summary: clean(d.summary)!, detail: clean(d.detail) }));
}
