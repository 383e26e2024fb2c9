// One contract every driver meets (describe.each over all of them): identity, release span,
// owned sections only, packages, validation, capability data for every release it exists in, and
// for every operation either a support value or the typed refusal.

import { describe, expect, test } from "vitest";
import {
  DRIVER_IDS,
  DriverId,
  OPERATIONS,
  RELEASES,
  assertOperationSupported,
  capabilities,
  getDriver,
  listDrivers,
} from "../../../provisioners/drivers";
import { isPolyvisorError } from "../../../provisioners/errors";
import { A_RELEASE, INVALID_OPTIONS, VALID_OPTIONS } from "./fixtures";

describe("driver registry", () => {
  test("given the registry, then every driver id the brief names is there exactly once", () => {
    expect(listDrivers().map((d) => d.id)).toEqual([...DRIVER_IDS]);
    expect(DRIVER_IDS).toHaveLength(18);
  });

  test("given an unknown id, when looked up, then UnknownDriver lists the ids", () => {
    expect(() => getDriver("kvm")).toThrow(/UnknownDriver.*libvirt-kvm-x86/);
  });
});

describe.each(DRIVER_IDS.map((id) => [id]))("driver %s", (id: DriverId) => {
  const d = getDriver(id);
  const release = A_RELEASE[id];

  test("given its definition, then identity fields are filled", () => {
    expect(d.id).toBe(id);
    expect(d.title.length).toBeGreaterThan(2);
    expect(d.hypervisorType).toMatch(/^[a-z]+$/);
    expect(d.vmModes.length).toBeGreaterThan(0);
    expect(d.diskFormats.length).toBeGreaterThan(0);
    expect(["on-host", "in-guest", "proxy"]).toContain(d.deployment);
    expect(d.meteringInspector === null ? (d.meteringNote ?? "").length > 10 : true).toBe(true);
  });

  test("given a release it exists in, then compute_driver is a class path", () => {
    expect(d.existsIn(release)).toBe(true);
    expect(d.computeDriver(release)).toMatch(/^[a-z_.]+\.[A-Za-z]+Driver$/);
  });

  test("given every release, then existsIn agrees with computeDriver throwing DriverNotInRelease", () => {
    for (const r of RELEASES) {
      if (d.existsIn(r)) expect(() => d.computeDriver(r)).not.toThrow();
      else expect(() => d.computeDriver(r)).toThrow(/DriverNotInRelease/);
    }
  });

  test("given valid options, when rendered, then only [DEFAULT] and the driver's own sections appear", () => {
    const model = d.novaSections(VALID_OPTIONS[id] as never, release);
    const sections = Object.keys(model).filter((s) => Object.keys(model[s]).length > 0);
    for (const s of sections) expect(["DEFAULT", ...d.ownedSections]).toContain(s);
    expect(model.DEFAULT.compute_driver).toBeDefined();
  });

  test("given valid options, then validate finds nothing", () => {
    expect(d.validate(VALID_OPTIONS[id] as never, release)).toEqual([]);
  });

  test("given invalid options, then validate names the option and says why", () => {
    const problems = d.validate(INVALID_OPTIONS[id] as never, release);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.option.length).toBeGreaterThan(0);
      expect(p.message.length).toBeGreaterThan(10);
    }
  });

  test("given a release it exists in, then packages are listed, out-of-tree code included", () => {
    const pkgs = d.packages(release);
    expect(pkgs.length).toBeGreaterThan(0);
    const span = d.availabilityIn(release)!;
    if (span.tree === "out-of-tree") {
      expect(span.outOfTree).toBeDefined();
      for (const p of span.outOfTree!.install) expect(pkgs).toContainEqual(p);
    }
  });

  test("given every release it exists in, then capabilities resolve with support values only", () => {
    for (const r of RELEASES.filter((x) => d.existsIn(x))) {
      const table = capabilities(id, r);
      expect(Object.keys(table).length).toBeGreaterThan(5);
      for (const v of Object.values(table)) expect(["complete", "partial", "missing", "unknown"]).toContain(v);
    }
  });

  test.each(OPERATIONS.map((op) => [op]))("given operation %s, then the gate returns a support value or refuses with OperationNotSupported", (op) => {
    try {
      const check = assertOperationSupported(id, op, release);
      expect(["complete", "partial", "unknown"]).toContain(check.support);
    } catch (e) {
      expect(isPolyvisorError(e, "OperationNotSupported")).toBe(true);
      expect((e as Error).message).toContain(id);
      expect((e as Error).message).toContain(op);
      expect((e as Error).message).toContain(release);
    }
  });

  test("given a release it does not exist in (if any), then the gate refuses with DriverNotInRelease", () => {
    const absent = RELEASES.find((r) => !d.existsIn(r));
    if (absent === undefined) {
      expect(RELEASES.every((r) => d.existsIn(r))).toBe(true);
      return;
    }
    expect(() => assertOperationSupported(id, "launch", absent)).toThrow(/DriverNotInRelease.*does not exist in OpenStack/);
  });
});
