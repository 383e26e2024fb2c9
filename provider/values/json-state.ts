// Terraform's JSON state encoding (RawState.json in UpgradeResourceState) <-> Value.
// Dynamic values are {"value": ..., "type": ...}; state never holds unknowns.
import { CtyType } from "../schema";
import { fromValue, toValue, ValueConversionError, WireRules, WireWriter } from "./conversion";
import { Value } from "./value";

const rules: WireRules = {
  isUnknown: () => false,
  splitDynamic(raw, path) {
    if (raw === null || typeof raw !== "object" || !("type" in raw) || !("value" in raw)) {
      throw new ValueConversionError(path, 'dynamic value must be {"value": ..., "type": ...}');
    }
    return { type: (raw as { type: CtyType }).type, raw: (raw as { value: unknown }).value };
  },
};

const writer: WireWriter = {
  unknown: () => {
    throw new ValueConversionError([], "state cannot hold unknown values");
  },
  dynamic: (type, inner) => ({ value: inner, type }),
};

export function decodeJsonState(bytes: Uint8Array, type: CtyType): Value {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (err) {
    throw new ValueConversionError([], `raw state is not valid JSON (${(err as Error).message})`);
  }
  return toValue(raw, type, rules);
}

export function encodeJsonState(value: Value, type: CtyType): Uint8Array {
  return Buffer.from(JSON.stringify(fromValue(value, type, writer)), "utf8");
}
