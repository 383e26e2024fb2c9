// Capabilities come from nova's support matrix data (read here straight from the JSON), with the
// documented rule for releases between full matrices, and explicit data for drivers outside it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { DriverId, Release, capabilities, capabilitySource, listDrivers, supportOf } from "../../../provisioners/drivers";

const matrix = JSON.parse(readFileSync(join(__dirname, "../../../provisioners/drivers/data/nova-support-matrix.json"), "utf8"));

function fromJson(ref: string, matrixId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of matrix.releases[ref].features) if (f.support[matrixId]) out[f.id] = f.support[matrixId];
  return out;
}

describe("capabilities from the support matrix", () => {
  test.each([
    ["zed", "zed-eom"],
    ["liberty", "liberty-eol"],
    ["mitaka", "mitaka-eol"],
    ["ussuri", "ussuri-eol"],
    ["2023.1", "unmaintained/2023.1"],
    ["2026.1", "master"],
  ] as [Release, string][])("given a release with a full matrix (%s), then every driver row equals the JSON at %s", (release, ref) => {
    for (const d of listDrivers().filter((x) => x.matrixId && x.availabilityIn(release)?.tree === "in-tree")) {
      expect(capabilities(d.id, release), `${d.id}@${release}`).toEqual(fromJson(ref, d.matrixId!));
      expect(capabilitySource(d.id, release)).toMatchObject({ kind: "matrix", ref, exact: true });
    }
  });

  test.each([
    ["libvirt-kvm-x86", "stein", "mitaka-eol", "nearest earlier full matrix"],
    ["libvirt-kvm-x86", "2024.2", "unmaintained/2023.1", "nearest earlier full matrix"],
    ["zvm", "rocky", "ussuri-eol", "no earlier row: oldest later full matrix"],
    ["libvirt-kvm-aarch64", "rocky", "ussuri-eol", "no earlier row: oldest later full matrix"],
    ["powervm", "pike", "ussuri-eol", "no earlier row: oldest later full matrix"],
    ["powervm", "yoga", "yoga-eom", "the removed driver's last matrix"],
    ["libvirt-xen", "victoria", "victoria-eom", "the removed driver's last matrix"],
    ["hyperv", "2024.1", "unmaintained/2023.1", "out of tree after removal: last matrix with a row"],
  ] as [DriverId, Release, string, string][])("given %s in %s, then the data comes from %s (%s)", (id, release, ref) => {
    expect(capabilitySource(id, release).ref).toBe(ref);
  });

  test("given the rule, then an in-between release reuses the chosen matrix values unchanged", () => {
    expect(capabilities("libvirt-kvm-x86", "stein")).toEqual(fromJson("mitaka-eol", "libvirt-kvm-x86"));
    expect(capabilities("powervm", "yoga")).toEqual(matrix.latest_known_per_driver.powervm.support);
  });

  test.each([
    ["libvirt-lxc", "zed", "operation.live-migrate", "missing"],
    ["libvirt-qemu-x86", "zed", "operation.live-migrate", "complete"],
    ["ironic", "zed", "operation.attach-volume", "missing"],
    ["vmware", "zed", "operation.snapshot", "complete"],
    ["hyperv", "zed", "console.rdp", "complete"],
    ["xenserver", "ussuri", "operation.maintenance-mode", "complete"],
  ] as [DriverId, Release, string, string][])("given %s in %s, then %s is %s", (id, r, f, v) => {
    expect(supportOf(id, r, f)).toBe(v);
  });

  test.each([
    ["docker", "mitaka", "operation.pause", "complete"],
    ["docker", "mitaka", "operation.suspend", "missing"],
    ["docker", "mitaka", "operation.attach-volume", "missing"],
    ["fake", "zed", "operation.snapshot", "partial"],
    ["fake", "zed", "operation.live-migrate", "complete"],
    ["libvirt-uml", "ussuri", "operation.live-migrate", "missing"],
  ] as [DriverId, Release, string, string][])("given %s (outside the matrix) in %s, then %s is %s from its own module", (id, r, f, v) => {
    expect(supportOf(id, r, f)).toBe(v);
    expect(capabilitySource(id, r)).toMatchObject({ kind: "driver", ref: `provisioners/drivers/${id}.ts` });
    expect(capabilitySource(id, r).note.length).toBeGreaterThan(30);
  });

  test("given a driver asked for a release it does not exist in, then DriverNotInRelease", () => {
    expect(() => capabilities("xenserver", "zed")).toThrow(/DriverNotInRelease.*xenserver.*zed/);
  });

  test("given libvirt options, then emulated TPM follows swtpmEnabled", () => {
    expect(supportOf("libvirt-kvm-x86", "zed", "operation.boot-emulated-tpm", {})).toBe("missing");
    expect(supportOf("libvirt-kvm-x86", "zed", "operation.boot-emulated-tpm", { swtpmEnabled: true })).toBe(
      fromJson("zed-eom", "libvirt-kvm-x86")["operation.boot-emulated-tpm"]
    );
  });
});

describe("accepted disk formats computed from config", () => {
  test.each([
    [{}, ["raw", "qcow2", "iso", "aki", "ari", "ami"]],
    [{ imagesType: "rbd" }, ["raw", "iso"]],
    [{ imagesType: "lvm", forceRawImages: false }, ["raw", "iso"]],
    [{ imagesType: "qcow2" }, ["raw", "qcow2", "iso", "aki", "ari", "ami"]],
  ] as const)("given libvirt-kvm-x86 options %j, then formats are %j", (options, formats) => {
    expect(
      listDrivers()
        .find((d) => d.id === "libvirt-kvm-x86")!
        .acceptedDiskFormats(options)
    ).toEqual(formats);
  });
});
