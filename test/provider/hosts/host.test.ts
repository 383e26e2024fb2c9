// polyvisor_host through real terraform against a real fleet host (systemd-nspawn Debian with sshd
// and an ipmi_sim BMC): create from power-off through the BMC, no-change plan, in-place OS update,
// a changed host key refused on refresh, destroy undoing the OS preparation and powering off.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localAptMirrors } from "../../../provisioners/stages/local-apt";
import { useFleet } from "../../support/fleet";
import { installProvider } from "../helpers/install";
import { requireTerraform, Workdir } from "../helpers/terraform";
import { bmcPassword, bmcPower, HostWorkdir, hostHcl, onHost, powerOff, providerHcl } from "./helpers";

const fleet = useFleet({ group: "pvhost", hosts: 1, kind: "nspawn" });
let tf: HostWorkdir;

function config(extra: string): string {
  const host = fleet().hosts[0];
  return `${providerHcl}${hostHcl("h", host, extra)}`;
}

// Kernel parameters are not part of these tests: the fleet's nspawn hosts mount /proc/sys read-only.
const PREP = (ctl: string, mirror?: string) => `
  apt_proxy   = "${fleet().inventory.apt_proxy}"
  extra_hosts = { "ctl.pv.test" = "${ctl}" }
  ${mirror ? `apt_mirror = "${mirror}"` : ""}
`;

beforeAll(() => {
  requireTerraform();
  installProvider();
  const host = fleet().hosts[0];
  tf = new HostWorkdir(Workdir.create("polyvisor-host-"), { [`TF_VAR_bmc_password_h`]: bmcPassword(host) });
  tf.wd.write("main.tf", config(PREP("10.213.0.250")));
  tf.run(["init", "-input=false"]);
});

afterAll(() => tf?.wd.remove());

describe("polyvisor_host on a real host with a BMC", () => {
  test("given a powered-off host, when applied, then the BMC powers it on and the OS is prepared", async () => {
    const host = fleet().hosts[0];
    await powerOff(host);
    const started = Date.now();
    tf.apply([0], { trace: true });
    console.log(`figure: polyvisor_host create from power-off to OS prepared: ${((Date.now() - started) / 1000).toFixed(1)} s (terraform apply wall time)`);
    expect(await bmcPower(host)).toBe("on");
    expect((await onHost(host, "cat /etc/hostname")).trim()).toBe(host.name);
    expect(await onHost(host, "cat /etc/hosts")).toMatch(/10\.213\.0\.250\tctl\.pv\.test/);
    expect(await onHost(host, "cat /etc/apt/apt.conf.d/90polyvisor-proxy")).toContain(fleet().inventory.apt_proxy);
    const attrs = tf.wd.state().resources[0].instances[0].attributes;
    expect(attrs.os_release).toMatch(/^Debian GNU\/Linux 12/);
    expect(attrs.host_key_fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(attrs.power_state).toBe("on");
  });

  test("given nothing changed, when planned, then terraform reports No changes", () => {
    const started = Date.now();
    const res = tf.plan([0]);
    console.log(`figure: no-change plan of 1 polyvisor_host: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(res.stdout).toContain("No changes.");
  });

  test("given a changed extra host and a new apt mirror, when applied, then the host is updated in place", async () => {
    tf.wd.write("main.tf", config(PREP("10.213.0.251", localAptMirrors()[0])));
    const plan = tf.plan([2]);
    expect(plan.stdout).toMatch(/polyvisor_host\.h will be updated in-place/);
    tf.apply();
    const host = fleet().hosts[0];
    expect(await onHost(host, "cat /etc/apt/sources.list.d/polyvisor.sources")).toContain(`URIs: ${localAptMirrors()[0]}`);
    expect(await onHost(host, "grep ctl.pv.test /etc/hosts")).toBe("10.213.0.251\tctl.pv.test\n");
  });

  test("given the host's key changed, when refreshed, then the plan fails naming host and both fingerprints", async () => {
    const host = fleet().hosts[0];
    const pinned = tf.wd.state().resources[0].instances[0].attributes.host_key_fingerprint as string;
    await onHost(host, "cp -p /etc/ssh/ssh_host_ed25519_key /root/key.keep && cp -p /etc/ssh/ssh_host_ed25519_key.pub /root/key.pub.keep && rm /etc/ssh/ssh_host_ed25519_key* && ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key && (systemctl restart ssh &)");
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const res = tf.plan([1]);
      expect(res.stderr).toContain("HostKeyMismatch");
      expect(res.stderr).toContain(host.name);
      expect(res.stderr).toContain(pinned);
      expect(res.stderr.match(/SHA256:[A-Za-z0-9+/]{43}/g)!.filter((f) => f !== pinned).length).toBeGreaterThan(0);
    } finally {
      // The fleet's own ssh pins the old key too: restore it from inside the host's namespace.
      const { execFileSync } = await import("node:child_process");
      const root = `${host.ssh_private_key.replace(/id_ed25519$/, "")}hosts/${host.name}/root`;
      execFileSync("bash", ["-c", `cp -p ${root}/root/key.keep ${root}/etc/ssh/ssh_host_ed25519_key && cp -p ${root}/root/key.pub.keep ${root}/etc/ssh/ssh_host_ed25519_key.pub`]);
      await new Promise((r) => setTimeout(r, 200));
      // sshd reads the key per connection: the pinned key is back without a restart.
      await onHost(host, "systemctl restart ssh");
    }
    expect(tf.plan([0]).stdout).toContain("No changes.");
  });

  test("given the host is destroyed, then polyvisor's OS files are gone and the host is powered off", async () => {
    const host = fleet().hosts[0];
    tf.run(["destroy", "-auto-approve", "-input=false"]);
    expect(await bmcPower(host)).toBe("off");
    // Look at the powered-off host's root filesystem from outside.
    const { readFileSync, existsSync } = await import("node:fs");
    const root = `${host.ssh_private_key.replace(/id_ed25519$/, "")}hosts/${host.name}/root`;
    expect(existsSync(`${root}/etc/apt/apt.conf.d/90polyvisor-proxy`)).toBe(false);
    expect(existsSync(`${root}/etc/apt/sources.list.d/polyvisor.sources`)).toBe(false);
    expect(readFileSync(`${root}/etc/hosts`, "utf8")).not.toContain("polyvisor");
  });

  test("given every run above, then the BMC password never appeared in terraform output or its trace log", () => {
    const secret = bmcPassword(fleet().hosts[0]);
    expect(secret.length).toBeGreaterThan(3);
    expect(tf.allText()).not.toContain(secret);
    expect(tf.allText()).toContain("polyvisor"); // the trace log was written
  });
});
