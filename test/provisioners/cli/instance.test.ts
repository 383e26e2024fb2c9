// `polyvisor instance` end to end in-process, against the recording fake of the Nova/Keystone
// protocol: exit codes, stdout/stderr split, JSON, credentials from OS_* or a stack outputs file.

import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { INSTANCE_EXIT, run } from "../../../provisioners/cli/instance";
import { RecordingFakeOpenStack } from "../openstack/support/recording-fake-openstack";

let fake: RecordingFakeOpenStack;
const dir = mkdtempSync(join(tmpdir(), "polyvisor-cli-"));

beforeAll(async () => {
  fake = await RecordingFakeOpenStack.start({
    hypervisors: [
      { hostname: "qemu-1", hypervisorType: "QEMU" },
      { hostname: "qemu-2", hypervisorType: "QEMU" },
      { hostname: "lxc-1", hypervisorType: "LXC" },
    ],
  });
});
afterAll(async () => fake.stop());
beforeEach(() => fake.clear());

function env(): NodeJS.ProcessEnv {
  const c = fake.credentials();
  return { OS_AUTH_URL: c.authUrl, OS_USERNAME: c.username, OS_PASSWORD: c.password, OS_PROJECT_NAME: c.projectName, OS_REGION_NAME: "RegionOne" };
}

async function cli(argv: string[], environment: NodeJS.ProcessEnv = env()) {
  let out = "";
  let err = "";
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t), env: environment });
  return { code, out, err };
}

describe("polyvisor instance", () => {
  test("given a QEMU server, when live-migrate --json runs, then exit 0 and stdout is the JSON result", async () => {
    fake.nova.addServer("web-1", { host: "qemu-1" });
    const r = await cli(["live-migrate", "web-1", "--host", "qemu-2", "--json"]);
    expect(r.code).toBe(INSTANCE_EXIT.ok);
    expect(JSON.parse(r.out)).toMatchObject({ operation: "live-migrate", fromHost: "qemu-1", host: "qemu-2", status: "ACTIVE", release: "zed" });
    expect(r.err).toBe("");
  });

  test("given an LXC server, when suspend runs, then exit 3 (refused), the error and a hint on stderr, nothing sent", async () => {
    fake.nova.addServer("ct-1", { host: "lxc-1" });
    const r = await cli(["suspend", "ct-1", "--json"]);
    expect(r.code).toBe(INSTANCE_EXIT.refused);
    expect(r.err).toContain("[OperationNotSupported]");
    expect(r.err).toContain("libvirt-lxc cannot suspend in OpenStack zed");
    expect(r.err).toContain("hint:");
    expect(JSON.parse(r.out).error).toMatchObject({ code: "OperationNotSupported", exitCode: 3 });
    expect(fake.mutating()).toEqual([]);
  });

  test("given progress output, when stop runs without --json, then progress is on stderr and the summary on stdout", async () => {
    fake.nova.addServer("web-2", { host: "qemu-1" });
    const r = await cli(["stop", "web-2"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^stop web-2 \(.+\): SHUTOFF in/);
    expect(r.err).toMatch(/\] gate: stop is supported by libvirt-kvm-x86, libvirt-qemu-x86 on zed/);
  });

  test.each([
    [["frobnicate", "x"], "UnknownOperation"],
    [["reboot"], "UsageError"],
    [["resize", "x", "--then", "maybe"], "UsageError"],
    [["reboot", "x", "--bogus"], "UsageError"],
    [["resize", "x"], "MissingOption"],
  ])("given the bad command line %j, then exit 2 with %s", async (argv, code) => {
    const r = await cli(argv);
    expect(r.code).toBe(INSTANCE_EXIT.usage);
    expect(r.err).toContain(`[${code}]`);
  });

  test("given no credentials, then exit 4 and the hint says how to provide them", async () => {
    const r = await cli(["reboot", "x"], {});
    expect(r.code).toBe(INSTANCE_EXIT.noCloud);
    expect(r.err).toContain("[CredentialsMissing]");
    expect(r.err).toContain("--cloud-outputs");
  });

  test("given a stack outputs file, when console-log runs, then credentials, release and the driver map come from it", async () => {
    fake.nova.addServer("logs", { host: "qemu-2" });
    const c = fake.credentials();
    const file = join(dir, "outputs.json");
    writeFileSync(file, JSON.stringify({ aio: { auth_url: c.authUrl, admin_password: c.password, release: "zed", driver_by_host: { "qemu-2": "libvirt-qemu-x86" } } }));
    chmodSync(file, 0o600);
    const r = await cli(["console-log", "logs", "--cloud-outputs", file, "--lines", "2"], {});
    expect(r.code).toBe(0);
    expect(r.out).toContain("driver: libvirt-qemu-x86  release: zed");
    expect(r.out).toContain("fake console line 2\nlogin:");
    expect(fake.requests.some((r) => r.path.startsWith("/os-hypervisors"))).toBe(false);
  });

  test("given --password-file, when set-admin-password runs, then nova gets the password and no output shows it", async () => {
    fake.nova.addServer("pw", { host: "qemu-1" });
    const file = join(dir, "pw");
    writeFileSync(file, "Cli-Secret-77\n", { mode: 0o600 });
    const r = await cli(["set-admin-password", "pw", "--password-file", file, "--verbose"]);
    expect(r.code).toBe(0);
    expect(fake.mutating()[0].body).toEqual({ changePassword: { adminPass: "Cli-Secret-77" } });
    expect(r.out + r.err).not.toContain("Cli-Secret-77");
    expect(r.err).toContain("POST /compute/v2.1/servers/");
    expect(r.err).not.toContain("gAAAA");
  });

  test("given --dry-run, when a supported operation is checked, then exit 0 and nothing that changes the cloud is sent", async () => {
    fake.nova.addServer("dry", { host: "qemu-1" });
    const r = await cli(["pause", "dry", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("dry run: pause on dry is allowed for libvirt-kvm-x86, libvirt-qemu-x86 in zed");
    expect(fake.mutating()).toEqual([]);
  });

  test("given nova fails the action, then exit 1 with nova's fault", async () => {
    fake.nova.addServer("breaks", { host: "qemu-1" });
    fake.nova.failingActions.set("rescue", "No valid rescue image");
    try {
      const r = await cli(["rescue", "breaks", "--timeout", "30"]);
      expect(r.code).toBe(INSTANCE_EXIT.failed);
      expect(r.err).toContain("nova fault: 500 No valid rescue image");
    } finally {
      fake.nova.failingActions.clear();
    }
  });

  test("given --help, then every operation and exit code is listed", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const op of ["launch", "live-migrate", "swap-volume", "maintenance-mode", "confirm-resize"]) expect(r.out).toContain(`  ${op}`);
    expect(r.out).toContain("3  refused");
  });
});
