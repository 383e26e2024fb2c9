// Apply must fill every unknown and keep every known planned value.
import { describe, expect, test } from "vitest";
import { checkApplyKeptPlan } from "../../../provider/lifecycle/apply-check";
import { CtyType } from "../../../provider/schema";
import { UNKNOWN } from "../../../provider/values";

const type: CtyType = ["object", { id: "string", tags: ["set", "string"], files: ["list", ["object", { sha: "string" }]] }];
const planned = { id: UNKNOWN, tags: ["a", "b"], files: [{ sha: UNKNOWN }] };

describe("apply result against the plan", () => {
  test("given every unknown filled and known values kept (set order aside), when checked, then there is no violation", () => {
    expect(checkApplyKeptPlan(planned, { id: "1", tags: ["b", "a"], files: [{ sha: "x" }] }, type)).toEqual([]);
  });

  test.each([
    ["an unknown left", { id: "1", tags: ["a", "b"], files: [{ sha: UNKNOWN }] }, ["files", 0, "sha"]],
    ["a known value changed", { id: "1", tags: ["a", "c"], files: [{ sha: "x" }] }, ["tags"]],
    ["an element dropped", { id: "1", tags: ["a", "b"], files: [] }, ["files"]],
  ])("given %s, when checked, then the violation names its path", (_name, applied, path) => {
    expect(checkApplyKeptPlan(planned, applied as never, type).map((v) => v.path)).toEqual([path]);
  });
});
