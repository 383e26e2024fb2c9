// Release spans at their boundaries, and cross-checked against nova's matrix timeline.

import { describe, expect, test } from "vitest";
import { DriverId, RELEASES, Release, getDriver, listDrivers } from "../../../provisioners/drivers";
import { timelineDrivers } from "../../../provisioners/drivers/private/matrix";

describe("release ranges", () => {
  test.each([
    ["xenserver", "ussuri", "victoria"],
    ["libvirt-xen", "victoria", "wallaby"],
    ["powervm", "yoga", "zed"],
    ["libvirt-uml", "ussuri", "victoria"],
    ["docker", "ocata", "pike"],
  ] as [DriverId, Release, Release][])("given %s, then it exists in %s and not in %s", (id, last, gone) => {
    expect(getDriver(id).existsIn(last)).toBe(true);
    expect(getDriver(id).existsIn(gone)).toBe(false);
  });

  test.each([
    ["zvm", "queens", "out-of-tree", "rocky", "in-tree"],
    ["powervm", "ocata", "out-of-tree", "pike", "in-tree"],
    ["hyperv", "2023.2", "in-tree", "2024.1", "out-of-tree"],
  ] as [DriverId, Release, string, Release, string][])("given %s, then %s is %s and %s is %s", (id, r1, t1, r2, t2) => {
    expect(getDriver(id).availabilityIn(r1)?.tree).toBe(t1);
    expect(getDriver(id).availabilityIn(r2)?.tree).toBe(t2);
  });

  test.each([
    ["hyperv", "2023.1", "hyperv.HyperVDriver"],
    ["hyperv", "2024.1", "compute_hyperv.driver.HyperVDriver"],
    ["zvm", "queens", "nova.virt.zvm.ZVMDriver"],
    ["zvm", "rocky", "zvm.ZVMDriver"],
    ["docker", "mitaka", "novadocker.virt.docker.DockerDriver"],
    ["xenserver", "ussuri", "xenapi.XenAPIDriver"],
    ["vmware", "zed", "vmwareapi.VMwareVCDriver"],
    ["ironic", "2026.1", "ironic.IronicDriver"],
    ["powervm", "pike", "powervm.PowerVMDriver"],
    ["libvirt-lxc", "zed", "libvirt.LibvirtDriver"],
    ["fake", "zed", "fake.FakeDriver"],
  ] as [DriverId, Release, string][])("given %s in %s, then compute_driver is %s", (id, r, value) => {
    expect(getDriver(id).computeDriver(r)).toBe(value);
  });

  test("given every matrix driver and every release, then in-tree existence matches nova's matrix timeline", () => {
    const mismatches: string[] = [];
    for (const d of listDrivers().filter((x) => x.matrixId)) {
      for (const r of RELEASES) {
        const inTree = d.availabilityIn(r)?.tree === "in-tree";
        const inTimeline = timelineDrivers(r).includes(d.matrixId!);
        if (inTree !== inTimeline) mismatches.push(`${d.id}@${r}: declared ${inTree}, timeline ${inTimeline}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("given out-of-tree spans, then each names the project and what to install", () => {
    for (const d of listDrivers()) {
      for (const a of d.availability.filter((x) => x.tree === "out-of-tree")) {
        expect(a.outOfTree?.project, d.id).toMatch(/^[a-z-]+$/);
        expect(a.outOfTree?.install.length, d.id).toBeGreaterThan(0);
      }
    }
  });
});
