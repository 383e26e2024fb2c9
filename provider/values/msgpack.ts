// DynamicValue.msgpack <-> Value. Unknown values are msgpack extension types (any code counts);
// dynamic values are a 2-array [type as JSON bytes, value].
import { decode, encode, ExtData } from "@msgpack/msgpack";
import { CtyType } from "../schema";
import { fromValue, toValue, ValueConversionError, WireRules, WireWriter } from "./conversion";
import { Value } from "./value";

const rules: WireRules = {
  isUnknown: (raw) => raw instanceof ExtData,
  splitDynamic(raw, path) {
    if (!Array.isArray(raw) || raw.length !== 2) throw new ValueConversionError(path, "dynamic value must be [type, value]");
    const typeJson = raw[0] instanceof Uint8Array ? Buffer.from(raw[0]).toString("utf8") : raw[0];
    if (typeof typeJson !== "string") throw new ValueConversionError(path, "dynamic value type must be JSON bytes");
    try {
      return { type: JSON.parse(typeJson) as CtyType, raw: raw[1] };
    } catch {
      throw new ValueConversionError(path, "dynamic value type is not valid JSON");
    }
  },
};

// cty writes an unknown without refinements as fixext1, code 0, one zero byte.
const writer: WireWriter = {
  unknown: () => new ExtData(0, new Uint8Array([0])),
  dynamic: (type, inner) => [Buffer.from(JSON.stringify(type), "utf8"), inner],
};

export function decodeMsgpack(bytes: Uint8Array, type: CtyType): Value {
  let raw: unknown;
  try {
    raw = decode(bytes);
  } catch (err) {
    throw new ValueConversionError([], `not valid msgpack (${(err as Error).message})`);
  }
  return toValue(raw, type, rules);
}

export function encodeMsgpack(value: Value, type: CtyType): Uint8Array {
  return encode(fromValue(value, type, writer));
}
