import { describe, expect, test } from "vitest";
import { RELEASES, assertRelease, compareReleases, describeSpan, inSpan, isRelease } from "../../../provisioners/drivers";
import { isPolyvisorError } from "../../../provisioners/errors";

describe("releases", () => {
  test("given the release list, then it runs from liberty to 2026.1 in order without gaps the brief names", () => {
    expect(RELEASES[0]).toBe("liberty");
    expect(RELEASES[RELEASES.length - 1]).toBe("2026.1");
    expect(RELEASES).toEqual(expect.arrayContaining(["mitaka", "ussuri", "zed", "2023.1", "2023.2", "2024.1", "2024.2", "2025.1", "2025.2"]));
    expect(RELEASES.indexOf("zed") + 1).toBe(RELEASES.indexOf("2023.1"));
  });

  test.each([
    ["liberty", "mitaka", -1],
    ["zed", "zed", 0],
    ["2023.1", "zed", 1],
    ["yoga", "zed", -1],
    ["2026.1", "2025.2", 1],
  ] as const)("given %s and %s, when compared, then the sign is %i", (a, b, sign) => {
    expect(Math.sign(compareReleases(a, b))).toBe(sign);
  });

  test.each(["zed", "2023.1", "liberty"])("given %s, then it is a release", (r) => expect(isRelease(r)).toBe(true));
  test.each(["Zed", "kilo", "2023.3", "", 2023])("given %j, then it is not a release", (r) => expect(isRelease(r)).toBe(false));

  test("given an unknown release, when asserted, then UnknownRelease lists the allowed names", () => {
    try {
      assertRelease("zedd", "cloud.release");
      expect.unreachable();
    } catch (e) {
      expect(isPolyvisorError(e, "UnknownRelease")).toBe(true);
      expect((e as Error).message).toContain("cloud.release");
      expect((e as Error).message).toContain("2026.1");
    }
  });

  test.each([
    ["ussuri", { from: "liberty", to: "ussuri" }, true],
    ["victoria", { from: "liberty", to: "ussuri" }, false],
    ["rocky", { from: "rocky" }, true],
    ["queens", { from: "rocky" }, false],
  ] as const)("given %s and span %j, then inSpan is %s", (r, span, expected) => {
    expect(inSpan(r, span)).toBe(expected);
  });

  test("given spans, then they describe themselves readably", () => {
    expect(describeSpan({ from: "rocky" })).toBe("rocky and later");
    expect(describeSpan({ from: "liberty", to: "ussuri" })).toBe("liberty..ussuri");
  });
});
