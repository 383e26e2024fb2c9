import { describe, expect, test } from "vitest";
import {
  DriverId,
  OPERATIONS,
  OPERATION_FEATURES,
  Operation,
  Release,
  assertOperationSupported,
  supportedOperations,
} from "../../../provisioners/drivers";
import { PolyvisorError, isPolyvisorError } from "../../../provisioners/errors";

function refusal(fn: () => unknown): PolyvisorError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolyvisorError) return e;
    throw e;
  }
  throw new Error("expected a refusal, got none");
}

describe("the operation gate", () => {
  test("given live-migrate on libvirt LXC in Zed, then OperationNotSupported names driver, operation, release and an alternative", () => {
    const e = refusal(() => assertOperationSupported("libvirt-lxc", "live-migrate", "zed"));
    expect(e.code).toBe("OperationNotSupported");
    expect(e.message).toContain("libvirt-lxc");
    expect(e.message).toContain("live-migrate");
    expect(e.message).toContain("zed");
    expect(e.details.fix).toMatch(/stop\/start/);
    // LXC cannot resize either, so cold migration is not offered.
    expect(e.details.fix).not.toMatch(/cold-migrate/);
  });

  test("given live-migrate on libvirt KVM aarch64 in Zed (missing there), then cold migration is offered because it can resize", () => {
    const e = refusal(() => assertOperationSupported("libvirt-kvm-aarch64", "live-migrate", "zed"));
    expect(e.details.fix).toMatch(/cold-migrate \(resize to the same flavor\)/);
  });

  test.each([
    ["libvirt-qemu-x86", "live-migrate", "zed", "complete"],
    ["libvirt-qemu-x86", "evacuate", "zed", "unknown"],
    ["vmware", "snapshot", "zed", "complete"],
    ["fake", "snapshot", "zed", "partial"],
    ["docker", "pause", "mitaka", "complete"],
  ] as [DriverId, Operation, Release, string][])("given %s %s in %s, then it is allowed with support %s", (d, op, r, s) => {
    expect(assertOperationSupported(d, op, r).support).toBe(s);
  });

  test.each([
    ["libvirt-lxc", "attach-volume", "zed"],
    ["ironic", "live-migrate", "zed"],
    ["ironic", "suspend", "zed"],
    ["zvm", "rescue", "zed"],
    ["docker", "suspend", "mitaka"],
    ["docker", "attach-volume", "ocata"],
    ["libvirt-kvm-x86", "maintenance-mode", "zed"],
  ] as [DriverId, Operation, Release][])("given %s %s in %s, then OperationNotSupported", (d, op, r) => {
    const e = refusal(() => assertOperationSupported(d, op, r));
    expect(e.code).toBe("OperationNotSupported");
    expect(e.details.allowed).toContain("launch");
  });

  test.each([
    ["xenserver", "zed"],
    ["libvirt-xen", "wallaby"],
    ["powervm", "zed"],
    ["docker", "zed"],
  ] as [DriverId, Release][])("given %s in %s, then DriverNotInRelease says which releases it has", (d, r) => {
    const e = refusal(() => assertOperationSupported(d, "reboot", r));
    expect(e.code).toBe("DriverNotInRelease");
    expect(e.message).toContain(d);
    expect(e.message).toContain(r);
    expect(e.details.allowed).toMatch(/liberty/);
  });

  test("given an unknown operation, then UnknownOperation", () => {
    expect(
      isPolyvisorError(
        refusal(() => assertOperationSupported("fake", "teleport" as Operation, "zed")),
        "UnknownOperation"
      )
    ).toBe(true);
  });

  test("given the operation table, then every operation maps to a matrix feature id", () => {
    for (const op of OPERATIONS) expect(OPERATION_FEATURES[op].feature).toMatch(/^(operation|console)\.[a-z.-]+$/);
  });

  test("given Docker in Mitaka, then the supported operations are exactly nova-docker's", () => {
    expect(supportedOperations("docker", "mitaka")).toEqual([
      "launch",
      "reboot",
      "stop",
      "start",
      "pause",
      "unpause",
      "snapshot",
      "console-log",
      "terminate",
    ]);
  });
});
