// Conversions between protocol messages and the provider's in-memory forms.
import { CtyType } from "../schema";
import { Diagnostic } from "../lifecycle/diagnostics";
import { decodeMsgpack, encodeMsgpack, isObject, ObjectValue, PathStep, toValue, Value } from "../values";

export interface DynamicValueMessage {
  readonly msgpack: Uint8Array;
  readonly json: Uint8Array;
}

const jsonRules = {
  isUnknown: () => false,
  splitDynamic: (raw: unknown) => raw as { type: CtyType; raw: unknown },
};

/** A DynamicValue as an object of the given type, or null (absent, empty or msgpack nil). */
export function decodeObject(dv: DynamicValueMessage | undefined, type: CtyType): ObjectValue | null {
  let v: Value = null;
  if (dv && dv.msgpack.length > 0) v = decodeMsgpack(dv.msgpack, type);
  else if (dv && dv.json.length > 0) v = toValue(JSON.parse(Buffer.from(dv.json).toString("utf8")), type, jsonRules);
  return isObject(v) ? v : null;
}

export const encodeObject = (v: ObjectValue | null, type: CtyType) => ({ msgpack: encodeMsgpack(v, type) });

const SEVERITY = { error: 1, warning: 2 } as const;

const step = (s: PathStep) =>
  typeof s === "string" ? { attribute_name: s } : typeof s === "number" ? { element_key_int: s } : { element_key_string: s.key };

export const attributePath = (path: readonly PathStep[]) => ({ steps: path.map(step) });

export const diagnosticMessage = (d: Diagnostic) => ({
  severity: SEVERITY[d.severity],
  summary: d.summary,
  detail: d.detail ?? "",
  attribute: d.path && d.path.length > 0 ? attributePath(d.path) : undefined,
});
