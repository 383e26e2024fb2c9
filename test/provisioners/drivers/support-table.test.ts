import { describe, expect, test } from "vitest";
import { formatSupportTable, supportTable } from "../../../provisioners/drivers";

describe("support table", () => {
  test("given drivers and features, then rows follow the feature order with one value per driver", () => {
    const t = supportTable(["libvirt-qemu-x86", "libvirt-lxc", "fake"], "zed", ["operation.live-migrate", "operation.attach-volume"]);
    expect(t.rows.map((r) => r.feature)).toEqual(["operation.live-migrate", "operation.attach-volume"]);
    expect(t.rows[0].support).toEqual({ "libvirt-qemu-x86": "complete", "libvirt-lxc": "missing", fake: "complete" });
    expect(t.rows[0].title).toBe("Live migrate instance across hosts");
    expect(t.sources.fake).toContain("nova/virt/fake.py");
  });

  test("given no driver list, then every driver existing in the release is a column", () => {
    const t = supportTable(undefined, "zed");
    expect(t.drivers).toContain("hyperv");
    expect(t.drivers).not.toContain("xenserver");
    expect(t.drivers).not.toContain("docker");
    expect(t.rows.length).toBeGreaterThan(50);
  });

  test("given a driver absent from the release, then DriverNotInRelease", () => {
    expect(() => supportTable(["xenserver"], "zed")).toThrow(/DriverNotInRelease/);
  });

  test("given a table, when formatted, then it prints a header, one line per feature and the sources", () => {
    const text = formatSupportTable(supportTable(["libvirt-lxc", "vmware"], "zed", ["operation.live-migrate"]));
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("OpenStack zed");
    expect(lines[1]).toMatch(/^feature\s+libvirt-lxc\s+vmware$/);
    expect(lines[2]).toMatch(/^operation\.live-migrate\s+-\s+yes$/);
    expect(text).toContain("sources:");
  });
});
