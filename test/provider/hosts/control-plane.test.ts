// polyvisor_control_plane through real terraform on real (lightweight, no systemd) fleet hosts:
// bootstrap commands run after the files, with `${secret:admin}` filled from the generated admin
// password (on stdin, never on a command line); a failing bootstrap command is reported with host
// and step and rolled back; and a no-change plan over several hosts, whose time is printed.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useFleet } from "../../support/fleet";
import { installProvider } from "../helpers/install";
import { requireTerraform, Workdir } from "../helpers/terraform";
import { bmcPassword, HostWorkdir, hostHcl, onHost, providerHcl } from "./helpers";

/** POLYVISOR_TEST_HOSTS=20 measures the no-change plan over more hosts. */
const HOSTS = Number(process.env.POLYVISOR_TEST_HOSTS ?? 6);
const fleet = useFleet({ group: "pvcp", hosts: HOSTS, kind: "light" });
let tf: HostWorkdir;
const ctl = () => fleet().hosts[0];

function config(o: { region?: string; bootstrapFails?: boolean } = {}): string {
  const hosts = fleet().hosts.map((h, i) => hostHcl(`h${i}`, h, `  apt_proxy = "${fleet().inventory.apt_proxy}"`)).join("");
  const failing = o.bootstrapFails ? `, "echo 'db sync refused' >&2; exit 4"` : "";
  return `${providerHcl}${hosts}
resource "polyvisor_control_plane" "cp" {
  region          = "${o.region ?? "RegionOne"}"
  release         = "zed"
  public_address  = "${ctl().address}"
  host_id         = polyvisor_host.h0.id
  host_connection = polyvisor_host.h0.ssh_connection
  files {
    path    = "/etc/pv-cp/cp.conf"
    content = "[DEFAULT]\\nregion = ${o.region ?? "RegionOne"}\\nadmin_password = $\${secret:admin}\\n"
  }
  bootstrap_commands = [
    "grep -q '^region = ' /etc/pv-cp/cp.conf",
    "mkdir -p /var/lib/pv-cp && printf '%s' '$\${secret:admin}' | sha256sum | cut -d' ' -f1 > /var/lib/pv-cp/admin.sha"${failing},
  ]
  health_checks = ["test -s /var/lib/pv-cp/admin.sha"]
}
`;
}

const cpAttributes = () => tf.wd.state().resources.find((r) => r.type === "polyvisor_control_plane")!.instances[0].attributes;

beforeAll(() => {
  requireTerraform();
  installProvider();
  const env = Object.fromEntries(fleet().hosts.map((h, i) => [`TF_VAR_bmc_password_h${i}`, bmcPassword(h)]));
  tf = new HostWorkdir(Workdir.create("polyvisor-cp-"), env);
  tf.wd.write("main.tf", config());
  tf.run(["init", "-input=false"]);
});

afterAll(() => tf?.wd.remove());

describe("polyvisor_control_plane and many hosts", () => {
  test("given a control plane, when applied, then bootstrap ran after the files with the generated admin password", async () => {
    const started = Date.now();
    tf.apply();
    console.log(`figure: apply of ${HOSTS} polyvisor_host (light hosts, already on) + 1 control plane: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const attrs = cpAttributes();
    expect(attrs.admin_password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(attrs.keystone_url).toBe(`http://${ctl().address}:5000/v3`);
    const admin = attrs.admin_password as string;
    expect((await onHost(ctl(), "cat /var/lib/pv-cp/admin.sha")).trim()).toBe(createHash("sha256").update(admin).digest("hex"));
    expect(await onHost(ctl(), "stat -c %a /etc/pv-cp/cp.conf")).toBe("640\n");
    expect(tf.allText()).not.toContain(admin);
  });

  test(`given ${HOSTS} hosts and a role unchanged, when planned, then No changes`, () => {
    const started = Date.now();
    const res = tf.plan([0]);
    console.log(`figure: no-change plan over ${HOSTS} polyvisor_host + 1 role: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(res.stdout).toContain("No changes.");
  });

  test("given a failing bootstrap command, when applied, then terraform names host and step and the files are rolled back", async () => {
    const before = cpAttributes();
    tf.wd.write("main.tf", config({ region: "RegionTwo", bootstrapFails: true }));
    const stderr = tf.apply([1]).stderr.replace(/\s+/g, " ");
    expect(stderr).toContain(`failed on host ${ctl().name} at step bootstrap:3`);
    expect(stderr).toContain("db sync refused");
    expect(await onHost(ctl(), "grep region /etc/pv-cp/cp.conf")).toBe("region = RegionOne\n");
    expect(cpAttributes().applied_at).toBe(before.applied_at);
  });

  test("given a changed file, when applied, then the admin password stays the same", async () => {
    const admin = cpAttributes().admin_password;
    tf.wd.write("main.tf", config({ region: "RegionTwo" }));
    tf.apply();
    expect(cpAttributes().admin_password).toBe(admin);
    expect(await onHost(ctl(), "grep region /etc/pv-cp/cp.conf")).toBe("region = RegionTwo\n");
  });

  test("given the control plane is destroyed, then its file is gone", async () => {
    tf.run(["destroy", "-auto-approve", "-input=false", "-target=polyvisor_control_plane.cp"]);
    expect(await onHost(ctl(), "ls /etc/pv-cp")).toBe("");
    tf.run(["destroy", "-auto-approve", "-input=false"]);
  });
});
