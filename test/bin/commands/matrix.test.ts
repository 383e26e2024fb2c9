import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { supportTable } from "../../../provisioners/drivers/support-table";
import { ROOT, cdktfSynth, compiled, tmpDir } from "../../examples/private/compiled";

function polyvisor(...args: string[]) {
  compiled("bin/polyvisor.js");
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "polyvisor.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("polyvisor matrix", () => {
  test("given the enterprise example, when run with --json, then the table covers its drivers for its release", () => {
    const r = polyvisor("matrix", "--example", "enterprise", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.release).toBe("mitaka");
    expect(out.drivers).toEqual(["libvirt-kvm-x86", "libvirt-xen", "xenserver", "vmware", "hyperv", "docker", "ironic", "zvm"]);
    const expected = supportTable(out.drivers, "mitaka");
    expect(out.rows).toEqual(JSON.parse(JSON.stringify(expected.rows)));
    const liveMigrate = out.rows.find((row: { feature: string }) => row.feature === "operation.live-migrate");
    expect(liveMigrate.support.ironic).toBe("missing");
  });

  test("given the enterprise example and --release zed, when run, then drivers absent from Zed are listed apart", () => {
    const r = polyvisor("matrix", "--example", "enterprise", "--release", "zed", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.release).toBe("zed");
    expect(out.definitionRelease).toBe("mitaka");
    expect(out.notInRelease).toEqual(["libvirt-xen", "xenserver", "docker"]);
    expect(out.drivers).not.toContain("xenserver");
  });

  test("given a synth output directory, when run with --app, then the text table names the drivers and the release", () => {
    const dir = tmpDir("matrix-app-");
    const json = cdktfSynth("all-in-one");
    fs.mkdirSync(path.join(dir, "stacks", "all-in-one"), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", "all-in-one", "cdk.tf.json"), JSON.stringify(json));
    const r = polyvisor("matrix", "--app", dir);
    expect(r.status).toBe(0);
    const header = r.stdout.split("\n").find((l) => l.startsWith("feature"));
    expect(header?.split(/\s+/)).toEqual(["feature", "libvirt-qemu-x86", "libvirt-lxc", "fake"]);
    expect(r.stdout).toContain("OpenStack zed");
  });

  test("given an unknown release, when run, then it exits 2 with the allowed values on stderr", () => {
    const r = polyvisor("matrix", "--example", "all-in-one", "--release", "zedd");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('[UsageError] polyvisor matrix: --release does not accept that value (got "zedd"). Allowed: liberty, mitaka');
  });

  test("given an unknown example, when run, then it exits 1 naming the examples there are", () => {
    const r = polyvisor("matrix", "--example", "nope");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[UnknownExample\].*Allowed: all-in-one, enterprise/);
  });
});
