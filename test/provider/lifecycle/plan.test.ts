// The schema-driven plan: which values are unknown, which are kept, what forces replacement.
import { describe, expect, test } from "vitest";
import { replacePaths, schemaDrivenPlan } from "../../../provider/lifecycle/plan";
import { block, computed, defaulted, nested, optional, required, resource } from "../../../provider/schema";
import { UNKNOWN } from "../../../provider/values";

const def = resource(
  "test",
  { id: computed("string", "id"), name: required("string", "n"), size: required("number", "s"), mode: defaulted("string", "m"), checksum: computed("string", "c"), note: optional("string", "o") },
  { files: nested("list", block("f", { path: required("string", "p"), owner: defaulted("string", "o") })) },
  ["name", "files.path"],
);
const b = def.schema.block;
const prior = { id: "1", name: "a", size: 1, mode: "0644", checksum: "abc", note: null, files: [{ path: "/x", owner: "root" }] };

describe("schema-driven plan", () => {
  test("given a create, when planned, then computed values the configuration leaves null are unknown", () => {
    const config = { id: null, name: "a", size: 1, mode: null, checksum: null, note: null, files: [{ path: "/x", owner: null }] };
    expect(schemaDrivenPlan(b, null, config)).toEqual({ ...config, id: UNKNOWN, mode: UNKNOWN, checksum: UNKNOWN, files: [{ path: "/x", owner: UNKNOWN }] });
  });

  test("given an update with no input change, when planned, then prior computed values are kept", () => {
    expect(schemaDrivenPlan(b, prior, prior)).toEqual(prior);
  });

  test("given an input change, when planned, then computed-only values other than id become unknown and defaults stay", () => {
    const proposed = { ...prior, note: "new" };
    expect(schemaDrivenPlan(b, prior, proposed)).toEqual({ ...proposed, checksum: UNKNOWN });
  });

  test("given a new nested block element, when planned, then its defaulted attribute is unknown", () => {
    const proposed = { ...prior, files: [...prior.files, { path: "/y", owner: null }] };
    const planned = schemaDrivenPlan(b, prior, proposed);
    expect(planned.files).toEqual([{ path: "/x", owner: "root" }, { path: "/y", owner: UNKNOWN }]);
  });

  test("given a set block element without its defaulted value, when created, then the value is unknown whatever the element order", () => {
    const setDef = resource("s", { id: computed("string", "id") }, { rules: nested("set", block("r", { port: required("number", "p"), proto: defaulted("string", "d") })) });
    const proposed = { id: null, rules: [{ port: 22, proto: "tcp" }, { port: 53, proto: null }] };
    expect(schemaDrivenPlan(setDef.schema.block, null, proposed).rules).toEqual([{ port: 22, proto: "tcp" }, { port: 53, proto: UNKNOWN }]);
  });

  test.each([
    ["a replaceOn attribute changes", { ...prior, name: "b" }, [["name"]]],
    ["a nested replaceOn attribute changes", { ...prior, files: [{ path: "/z", owner: "root" }] }, [["files"]]],
    ["a replaceOn attribute becomes unknown", { ...prior, name: UNKNOWN }, [["name"]]],
    ["only other attributes change", { ...prior, size: 2, note: "x" }, []],
  ])("given %s, when replacement is decided, then requires_replace is %j", (_name, planned, expected) => {
    expect(replacePaths(def, prior, planned as never)).toEqual(expected);
  });
});
