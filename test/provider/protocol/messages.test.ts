// The hand-written descriptors (provider/protocol/messages.ts) must say what the .proto files say,
// and the hand-written codec must read and write what protobufjs reads and writes.
import * as fs from "node:fs";
import * as path from "node:path";
import * as protobuf from "protobufjs";
import { describe, expect, test } from "vitest";
import { goPluginMethods, providerMethods } from "../../../provider/protocol/messages";
import { decodeMessage, encodeMessage, MessageType, ProtobufDecodeError } from "../../../provider/protocol/private/protobuf";

const PROTO = path.resolve(__dirname, "..", "..", "..", "provider", "protocol", "proto");
const root = new protobuf.Root();
for (const f of ["tfplugin6.proto", "go-plugin.proto", "health.proto"]) protobuf.parse(fs.readFileSync(path.join(PROTO, f), "utf8"), root, { keepCase: true });
root.resolveAll();

/** Every message reachable from a descriptor, with its fields as name:number:kind. */
function shape(t: MessageType, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(t.name)) return seen;
  seen.set(t.name, []);
  const fields = t.fields.map((f) => {
    const kind = typeof f.type === "function" ? "message" : typeof f.type === "object" ? "map" : f.type;
    if (typeof f.type === "function") shape(f.type(), seen);
    if (typeof f.type === "object" && typeof f.type.mapOf === "function") shape(f.type.mapOf(), seen);
    return `${f.name}:${f.no}:${kind}${f.repeated ? "[]" : ""}`;
  });
  seen.set(t.name, fields.sort());
  return seen;
}

function protoShape(t: protobuf.Type): string[] {
  return t.fieldsArray
    .map((f) => {
      const kind = f.map ? "map" : f.resolvedType instanceof protobuf.Type ? "message" : f.resolvedType instanceof protobuf.Enum ? "enum" : f.type === "uint32" ? "int64" : f.type;
      return `${f.name}:${f.id}:${kind}${f.repeated ? "[]" : ""}`;
    })
    .sort();
}

const rpcs = [
  ...Object.entries(providerMethods).map(([name, m]) => [`tfplugin6.Provider.${name}`, m] as const),
  ...Object.entries(goPluginMethods).map(([name, m]) => [name.replace("/", "."), m] as const),
];

describe("descriptors mirror the .proto files", () => {
  test.each(rpcs)("given %s, when compared with the .proto, then request and response fields agree", (fullName, method) => {
    const rpc = root.lookup(fullName) as protobuf.Method;
    expect(rpc, `${fullName} missing from the .proto files`).toBeTruthy();
    for (const [desc, protoType] of [[method.request, rpc.resolvedRequestType!], [method.response, rpc.resolvedResponseType!]] as const) {
      expect(shape(desc).get(desc.name)).toEqual(protoShape(protoType));
      // Nested messages too, found by field.
      for (const f of protoType.fieldsArray) {
        const inner = f.resolvedType instanceof protobuf.Type ? f.resolvedType : null;
        const d = desc.fields.find((x) => x.name === f.name)!;
        if (inner && typeof d.type === "function") expect(shape(d.type()).get(d.type().name)).toEqual(protoShape(inner));
      }
    }
  });
});

describe("the wire codec agrees with protobufjs", () => {
  const plan = providerMethods.PlanResourceChange;
  const T = root.lookupType("tfplugin6.PlanResourceChange.Response");

  test("given a response with repeated paths, oneof steps and bytes, when encoded, then protobufjs decodes the same", () => {
    const msg = {
      planned_state: { msgpack: Buffer.from([0x81, 0xa1, 0x61, 0x01]) },
      requires_replace: [{ steps: [{ attribute_name: "files" }, { element_key_int: 0 }, { element_key_string: "k" }] }],
      diagnostics: [{ severity: 2, summary: "s", detail: "d" }],
    };
    const decoded = T.toObject(T.decode(encodeMessage(plan.response, msg)), { defaults: false, bytes: Buffer as never, longs: Number });
    expect(decoded.requires_replace[0].steps).toEqual([{ attribute_name: "files" }, { element_key_int: 0 }, { element_key_string: "k" }]);
    expect(Buffer.from(decoded.planned_state.msgpack)).toEqual(msg.planned_state.msgpack);
    expect(decoded.diagnostics[0]).toEqual({ severity: 2, summary: "s", detail: "d" });
  });

  test("given a request encoded by protobufjs with a map and a negative int64, when decoded, then every field is read", () => {
    const Up = root.lookupType("tfplugin6.UpgradeResourceState.Request");
    const bytes = Up.encode(Up.fromObject({ type_name: "t", version: -1, raw_state: { json: Buffer.from("{}"), flatmap: { a: "b" } } })).finish();
    const out = decodeMessage<any>(providerMethods.UpgradeResourceState.request, bytes);
    expect([out.type_name, out.version, out.raw_state.json.toString(), out.raw_state.flatmap]).toEqual(["t", -1, "{}", { a: "b" }]);
  });

  test.each([
    ["a truncated length", Buffer.from([0x0a, 0x05, 0x61])],
    ["a truncated varint", Buffer.from([0x10, 0xff])],
    ["a string field sent as a varint", Buffer.from([0x08, 0x01])],
    ["field number 0", Buffer.from([0x00, 0x01])],
  ])("given %s, when decoded, then a ProtobufDecodeError is raised", (_name, bytes) => {
    expect(() => decodeMessage(providerMethods.ImportResourceState.request, bytes)).toThrow(ProtobufDecodeError);
  });

  test("given fields the descriptor does not know, when decoded, then they are skipped", () => {
    const bytes = Buffer.from([0x12, 0x01, 0x78, 0xf8, 0x07, 0x01, 0x7d, 1, 2, 3, 4]); // id="x", field 127 varint, field 15 fixed32
    expect(decodeMessage<any>(providerMethods.ImportResourceState.request, bytes).id).toBe("x");
  });
});
