// Terraform's JSON state encoding, as UpgradeResourceState receives it.
import { describe, expect, test } from "vitest";
import { decodeJsonState, DynamicTyped, encodeJsonState, ValueConversionError } from "../../../provider/values";

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe("JSON raw state", () => {
  test("given a state with a list, a map and a dynamic value, when decoded, then each is typed", () => {
    const t = ["object", { l: ["list", "number"], m: ["map", "string"], d: "dynamic", gone: "string" }] as const;
    const out = decodeJsonState(json({ l: [1, 2], m: { a: "b" }, d: { value: true, type: "bool" } }), t as never);
    expect(out).toEqual({ l: [1, 2], m: { a: "b" }, d: new DynamicTyped("bool", true), gone: null });
  });

  test("given a value, when encoded and decoded, then it is unchanged", () => {
    const t = ["object", { s: ["set", "string"], d: "dynamic" }] as never;
    const v = { s: ["a"], d: new DynamicTyped(["list", "string"], ["x"]) };
    expect(decodeJsonState(encodeJsonState(v, t), t)).toEqual(v);
  });

  test.each([
    ["not JSON", Buffer.from("{"), /not valid JSON/],
    ["a string where a number is expected", json({ n: "x" }), /n: expected number/],
  ])("given %s, when decoded, then a conversion error explains", (_name, bytes, message) => {
    expect(() => decodeJsonState(bytes, ["object", { n: "number" }])).toThrow(ValueConversionError);
    expect(() => decodeJsonState(bytes, ["object", { n: "number" }])).toThrow(message);
  });
});
