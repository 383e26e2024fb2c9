// The msgpack DynamicValue codec against bytes made by an independent encoder, for every kind of
// value the schema can describe.
import { encode, decode, ExtData } from "@msgpack/msgpack";
import { describe, expect, test } from "vitest";
import { block, BlockSchema, computed, CtyType, nested, optional, required } from "../../../provider/schema";
import { blockType, decodeMsgpack, DynamicTyped, encodeMsgpack, UNKNOWN, Value, ValueConversionError } from "../../../provider/values";

const everyNesting: BlockSchema = block(
  "test",
  { name: required("string", "n"), n: optional("number", "n"), on: optional("bool", "b"), tags: optional(["set", "string"], "s"), labels: optional(["map", "string"], "m"), anything: optional("dynamic", "d"), id: computed("string", "i") },
  {
    one: nested("single", block("s", { a: optional("string", "a") })),
    many: nested("list", block("l", { a: optional("string", "a") })),
    bag: nested("set", block("st", { a: optional("string", "a") })),
    named: nested("map", block("m", { a: optional("string", "a") })),
    grouped: nested("group", block("g", { a: optional("string", "a") })),
  },
);
const type = blockType(everyNesting);

describe("decoding what terraform sends", () => {
  test("given a full object with every nesting mode, when decoded, then each part has its JS form", () => {
    const raw = {
      name: "x", n: 2.5, on: true, tags: ["b", "a"], labels: { k: "v" }, anything: null, id: null,
      one: { a: "1" }, many: [{ a: "2" }], bag: [{ a: "3" }], named: { first: { a: "4" } }, grouped: { a: "5" },
    };
    expect(decodeMsgpack(encode(raw), type)).toEqual(raw);
  });

  test.each([
    ["code 0 (plain unknown)", new ExtData(0, new Uint8Array([0]))],
    ["code 12 (refined unknown)", new ExtData(12, encode({ 1: true }))],
  ])("given an unknown as extension %s, when decoded, then it is UNKNOWN", (_name, ext) => {
    expect(decodeMsgpack(encode({ name: ext }), ["object", { name: "string" }])).toEqual({ name: UNKNOWN });
  });

  test.each<[string, unknown, number]>([
    ["a positive fixint", 7, 7],
    ["a negative int", -300, -300],
    ["a float64", 0.1, 0.1],
    ["a number too precise for a float, sent as a string", "12345678901234567890", 12345678901234567890],
  ])("given %s, when decoded as number, then it is a JS number", (_name, raw, expected) => {
    expect(decodeMsgpack(encode(raw), "number")).toBe(expected);
  });

  test("given a dynamic value as [type JSON bytes, value], when decoded, then it carries its concrete type", () => {
    const raw = [new TextEncoder().encode(JSON.stringify(["list", "string"])), ["a", "b"]];
    expect(decodeMsgpack(encode(raw), "dynamic")).toEqual(new DynamicTyped(["list", "string"], ["a", "b"]));
  });

  test("given an absent attribute and nil, when decoded, then both are null", () => {
    expect(decodeMsgpack(encode({ a: null }), ["object", { a: "string", b: "bool" }])).toEqual({ a: null, b: null });
  });

  test.each<[string, unknown, CtyType, string]>([
    ["a number where a string is expected", { s: 1 }, ["object", { s: "string" }], "s"],
    ["a map where a list is expected", { l: { a: 1 } }, ["object", { l: ["list", "string"] }], "l"],
    ["a bool inside a map", { m: { k: true } }, ["object", { m: ["map", "string"] }], 'm["k"]'],
  ])("given %s, when decoded, then the error names the path", (_name, raw, t, where) => {
    expect(() => decodeMsgpack(encode(raw), t)).toThrow(ValueConversionError);
    expect(() => decodeMsgpack(encode(raw), t)).toThrow(where);
  });

  test("given bytes that are not msgpack, when decoded, then a conversion error says so", () => {
    expect(() => decodeMsgpack(Uint8Array.from([0xc1]), "string")).toThrow(/not valid msgpack/);
  });
});

describe("encoding what the provider answers", () => {
  test("given UNKNOWN, when encoded, then terraform gets fixext1 with code 0", () => {
    expect(Buffer.from(encodeMsgpack(UNKNOWN, "string"))).toEqual(Buffer.from([0xd4, 0x00, 0x00]));
  });

  test("given a dynamic value, when encoded, then it is [type JSON as bin, value]", () => {
    const out = decode(encodeMsgpack(new DynamicTyped(["map", "number"], { a: 1 }), "dynamic")) as [Uint8Array, unknown];
    expect([Buffer.from(out[0]).toString(), out[1]]).toEqual(['["map","number"]', { a: 1 }]);
  });

  test("given every nesting mode with unknowns inside, when encoded and decoded again, then the value is unchanged", () => {
    const value: Value = {
      name: "x", n: 3, on: false, tags: ["a"], labels: {}, anything: new DynamicTyped("string", "s"), id: UNKNOWN,
      one: null, many: [{ a: UNKNOWN }], bag: [], named: { k: { a: null } }, grouped: { a: "g" },
    };
    expect(decodeMsgpack(encodeMsgpack(value, type), type)).toEqual(value);
  });

  test("given an object missing attributes, when encoded, then they go out as nil", () => {
    expect(decode(encodeMsgpack({ a: "x" }, ["object", { a: "string", b: "number" }]))).toEqual({ a: "x", b: null });
  });
});
