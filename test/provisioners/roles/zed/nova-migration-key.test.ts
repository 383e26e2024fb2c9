// The nova migration key step's Python, run for real by Debian's python3 (python3-cryptography,
// installed by the suite's setup with nova's libraries) against a scratch home directory standing
// in for the nova user's: the same secret gives the same key on every node, a re-run writes
// nothing, another secret replaces the key.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { COMPUTE_QEMU_RECIPE } from "../../../../provisioners/roles/zed/compute-qemu";
import { NOVA_MIGRATION_KEY_SCRIPT, NOVA_MIGRATION_KEY_STEP } from "../../../../provisioners/roles/zed/private/libvirt";

const homes: string[] = [];
afterAll(() => { for (const h of homes) fs.rmSync(h, { recursive: true, force: true }); });

/** Runs the step's script as one node would, with `nova` looked up as a user owning `home`. */
function runOnNode(secret: string, home = fs.mkdtempSync(path.join(os.tmpdir(), "pv-nova-home-")), shadow = "nova:*:20000::::::\n") {
  if (!homes.includes(home)) homes.push(home);
  const shadowFile = path.join(home, "shadow");
  fs.writeFileSync(shadowFile, shadow);
  // The user database and usermod are the host's: the script sees a stand-in user, and usermod
  // calls are printed instead of run.
  const prelude = [
    "import collections, os, pwd, subprocess",
    'P = collections.namedtuple("P", "pw_name pw_uid pw_gid pw_dir pw_shell")',
    `pwd.getpwnam = lambda n: P(n, os.getuid(), os.getgid(), ${JSON.stringify(home)}, "/bin/sh")`,
    'subprocess.run = lambda argv, check=False: print("RUN", " ".join(argv))',
  ].join("\n");
  const out = execFileSync("/usr/bin/python3", ["-"], { input: `${prelude}\n${NOVA_MIGRATION_KEY_SCRIPT}`, env: { PATH: process.env.PATH, PV_NOVA_MIGRATION: secret, PV_SHADOW_FILE: shadowFile }, encoding: "utf8" });
  const ssh = path.join(home, ".ssh");
  const read = (f: string) => fs.readFileSync(path.join(ssh, f), "utf8");
  return { home, out, ssh, read };
}

describe("nova migration SSH key step", () => {
  test("given the QEMU recipe, when read, then the step takes the key's secret from the environment, never from its command", () => {
    expect(COMPUTE_QEMU_RECIPE.steps.map((s) => s.id)).toContain(NOVA_MIGRATION_KEY_STEP.id);
    expect(COMPUTE_QEMU_RECIPE.secrets).toContain("nova_migration");
    expect(NOVA_MIGRATION_KEY_STEP.env).toEqual({ PV_NOVA_MIGRATION: "${secret:nova_migration}" });
    expect(NOVA_MIGRATION_KEY_STEP.command).not.toContain("${secret:");
  });

  test("given one secret on two nodes, when the step runs, then both hold the same key and authorize it, with private files 0600", () => {
    const a = runOnNode("cloud-secret-1");
    const b = runOnNode("cloud-secret-1");
    expect(a.read("id_ed25519.pub")).toBe(b.read("id_ed25519.pub"));
    expect(a.read("id_ed25519.pub")).toMatch(/^ssh-ed25519 \S+ nova-migration\n$/);
    expect(a.read("authorized_keys")).toBe(a.read("id_ed25519.pub"));
    const derived = execFileSync("ssh-keygen", ["-y", "-f", path.join(a.ssh, "id_ed25519")], { encoding: "utf8" }).trim();
    expect(a.read("id_ed25519.pub")).toContain(derived);
    for (const f of ["id_ed25519", "authorized_keys", "config"]) expect((fs.statSync(path.join(a.ssh, f)).mode & 0o777).toString(8), f).toBe("600");
    expect((fs.statSync(a.ssh).mode & 0o777).toString(8)).toBe("700");
    expect(a.read("config")).toMatch(/StrictHostKeyChecking no/);
  });

  test("given the step ran, when it runs again with the same secret, then it writes nothing; with another secret, then the key changes", () => {
    const first = runOnNode("cloud-secret-2");
    const before = first.read("id_ed25519");
    const publicBefore = first.read("id_ed25519.pub");
    const again = runOnNode("cloud-secret-2", first.home);
    expect(again.out).toBe("");
    expect(again.read("id_ed25519")).toBe(before);
    const rotated = runOnNode("cloud-secret-3", first.home);
    expect(rotated.out).toMatch(/wrote .*id_ed25519/);
    expect(rotated.read("id_ed25519.pub")).not.toBe(publicBefore);
    expect(rotated.read("authorized_keys")).toBe(rotated.read("id_ed25519.pub"));
  });

  test("given nova's account is locked (adduser --system leaves '!'), when the step runs, then it unlocks key logins with password field *", () => {
    expect(runOnNode("cloud-secret-4", undefined, "nova:!:20778::::::\n").out).toContain("RUN usermod --password * nova");
    expect(runOnNode("cloud-secret-4", undefined, "nova:*:20778::::::\n").out).not.toContain("usermod");
  });
});
