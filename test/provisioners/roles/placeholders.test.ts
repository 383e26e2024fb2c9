import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { placeholdersIn, substitute } from "../../../provisioners/roles/placeholders";

describe("placeholders", () => {
  test.each([
    ["${secret:rabbit}", [{ kind: "secret", name: "rabbit" }]],
    ["a ${param:my_address} b ${secret:nova_db}", [{ kind: "param", name: "my_address" }, { kind: "secret", name: "nova_db" }]],
    ["$PV_DB_PASSWORD ${other:x} ${secret:}", []],
  ])("given %j, when placeholders are collected, then they are %j", (text, expected) => {
    expect(placeholdersIn(text)).toEqual(expected);
  });

  test("given known names, when substituted, then every placeholder is replaced", () => {
    const out = substitute("rabbit://openstack:${secret:rabbit}@${param:controller_address}:5672/", { secret: { rabbit: "s3" }, param: { controller_address: "10.0.0.1" } }, "nova.conf");
    expect(out).toBe("rabbit://openstack:s3@10.0.0.1:5672/");
  });

  test("given an unknown secret, when substituted, then UnknownPlaceholder names it and where, without any value", () => {
    let caught: unknown;
    try {
      substitute("${secret:missing}", { secret: { rabbit: "do-not-print" }, param: {} }, "controller:/etc/nova/nova.conf");
    } catch (e) {
      caught = e;
    }
    expect(isPolyvisorError(caught, "UnknownPlaceholder")).toBe(true);
    const message = (caught as Error).message;
    expect(message).toContain("controller:/etc/nova/nova.conf");
    expect(message).toContain("missing");
    expect(message).not.toContain("do-not-print");
  });
});
