// A role resource (polyvisor_compute_node; the control plane shares the same role engine) through
// real terraform on a real fleet host: a config file per service plus the services' own unit
// files, a package, a secret. Covers create, a no-change plan that touches nothing, an update that
// restarts only the service whose file changed, a hand edit shown in the next plan without the
// secret, a failed health check rolled back, destroy restoring the host, and secret hygiene.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useFleet } from "../../support/fleet";
import { installProvider } from "../helpers/install";
import { requireTerraform, Workdir } from "../helpers/terraform";
import { bmcPassword, HostWorkdir, hostHcl, onHost, providerHcl, uniqueSecret } from "./helpers";

const fleet = useFleet({ group: "pvrole", hosts: 1, kind: "nspawn" });
const DB_SECRET = uniqueSecret("db");
let tf: HostWorkdir;

interface RoleOptions {
  readonly alphaGreeting?: string;
  readonly betaGreeting?: string;
  readonly mode?: string;
}

function config(o: RoleOptions = {}): string {
  const host = fleet().hosts[0];
  return `${providerHcl}${hostHcl("h", host, `  apt_proxy = "${fleet().inventory.apt_proxy}"`)}
variable "db_password" {
  type      = string
  sensitive = true
}
resource "polyvisor_compute_node" "n" {
  name            = "${host.name}"
  driver          = "fake"
  compute_driver  = "fake.FakeDriver"
  release         = "zed"
  deployment      = "on-host"
  host_id         = polyvisor_host.h.id
  host_connection = polyvisor_host.h.ssh_connection
  packages        = ["jq"]
  services        = ["pv-alpha", "pv-beta"]
  secrets         = { db = var.db_password }
  health_checks   = ["systemctl is-active --quiet pv-alpha", "systemctl is-active --quiet pv-beta"]
  files {
    path    = "/etc/systemd/system/pv-alpha.service"
    content = "[Unit]\\nDescription=polyvisor test service alpha\\n[Service]\\nExecStart=/bin/sh -c 'grep -q \\"^mode = good\\" /etc/pv/alpha.conf && exec sleep infinity'\\n"
  }
  files {
    path     = "/etc/pv/alpha.conf"
    content  = "greeting = ${o.alphaGreeting ?? "hello"}\\nmode = ${o.mode ?? "good"}\\npassword = $\${secret:db}\\n"
    restarts = ["pv-alpha"]
  }
  files {
    path    = "/etc/systemd/system/pv-beta.service"
    content = "[Unit]\\nDescription=polyvisor test service beta\\n[Service]\\nExecStart=/bin/sleep infinity\\n"
  }
  files {
    path     = "/etc/pv/beta.conf"
    content  = "greeting = ${o.betaGreeting ?? "hello"}\\n"
    restarts = ["pv-beta"]
  }
}
`;
}

const host = () => fleet().hosts[0];
const pids = async () => (await onHost(host(), "systemctl show -p MainPID --value pv-alpha pv-beta")).split("\n").filter(Boolean);
/** change time and inode of every managed file: any write (even of the same bytes) changes them. */
const fileStamps = () => onHost(host(), "stat -c '%n %Z %i' /etc/pv/alpha.conf /etc/pv/beta.conf /etc/systemd/system/pv-alpha.service /etc/systemd/system/pv-beta.service");
const attributes = () => tf.wd.state().resources.find((r) => r.type === "polyvisor_compute_node")!.instances[0].attributes;

beforeAll(async () => {
  requireTerraform();
  installProvider();
  // A file that was on the host before polyvisor: destroy must put it back.
  await onHost(host(), "mkdir -p /etc/pv && printf 'original beta\\n' > /etc/pv/beta.conf && rm -f /etc/pv/*.polyvisor-*");
  tf = new HostWorkdir(Workdir.create("polyvisor-role-"), { TF_VAR_bmc_password_h: bmcPassword(host()), TF_VAR_db_password: DB_SECRET });
  tf.wd.write("main.tf", config());
  tf.run(["init", "-input=false"]);
});

afterAll(() => tf?.wd.remove());

describe("polyvisor_compute_node on a real host", () => {
  test("given a new role, when applied, then package, files (secret filled, 0640) and services are in place", async () => {
    tf.apply([0], { trace: true });
    expect(await onHost(host(), "dpkg-query -W -f='${Status}' jq")).toBe("install ok installed");
    const alpha = await onHost(host(), "cat /etc/pv/alpha.conf");
    expect(alpha).toBe(`greeting = hello\nmode = good\npassword = ${DB_SECRET}\n`);
    expect(await onHost(host(), "stat -c '%a %U:%G' /etc/pv/alpha.conf /etc/pv/beta.conf")).toBe("640 root:root\n644 root:root\n");
    expect(await onHost(host(), "systemctl is-active pv-alpha pv-beta")).toBe("active\nactive\n");
    const attrs = attributes();
    expect((attrs.file_checksums as Record<string, string>)["/etc/pv/alpha.conf"]).toBe(createHash("sha256").update(alpha).digest("hex"));
    expect(attrs.service_state).toBe("up");
    expect(attrs.hypervisor_type).toBe("fake");
    expect(attrs.applied_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test("given nothing changed, when planned, then No changes and no file was written and no service restarted", async () => {
    const [stamps, before] = [await fileStamps(), await pids()];
    const started = Date.now();
    const res = tf.plan([0]);
    console.log(`figure: no-change plan of 1 host + 1 role (4 files): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(res.stdout).toContain("No changes.");
    expect(await fileStamps()).toBe(stamps);
    expect(await pids()).toEqual(before);
  });

  test("given one file changed, when planned and applied, then the plan shows the line and only its service restarts", async () => {
    const [alphaBefore, betaBefore] = await pids();
    tf.wd.write("main.tf", config({ betaGreeting: "bonjour" }));
    const plan = tf.plan([2]).stdout;
    expect(plan).toMatch(/-\s+greeting = hello/);
    expect(plan).toMatch(/\+\s+greeting = bonjour/);
    expect(plan).toMatch(/~ file_checksums\s+= \{[\s\S]*\} -> \(known after apply\)/);
    expect(plan.replace(/\s+/g, " ")).toContain(`On ${host().name}: restart pv-beta (changed: /etc/pv/beta.conf).`);
    tf.apply();
    const [alphaAfter, betaAfter] = await pids();
    expect(alphaAfter).toBe(alphaBefore);
    expect(betaAfter).not.toBe(betaBefore);
    expect(await onHost(host(), "cat /etc/pv/beta.conf")).toBe("greeting = bonjour\n");
  });

  test("given a hand edit on the host, when planned, then the edited lines show and the secret does not", async () => {
    await onHost(host(), "sed -i -e 's/^greeting = hello/greeting = edited-by-hand/' -e 's/^password = .*/password = typed-by-hand/' /etc/pv/alpha.conf");
    const plan = tf.plan([2]).stdout;
    expect(plan).toMatch(/-\s+greeting = edited-by-hand/);
    expect(plan).toMatch(/\+\s+greeting = hello/);
    expect(plan).toContain("(secret db edited on the host; value hidden)");
    expect(plan).not.toContain("typed-by-hand");
    expect(plan).not.toContain(DB_SECRET);
    tf.apply();
    expect(await onHost(host(), "cat /etc/pv/alpha.conf")).toBe(`greeting = hello\nmode = good\npassword = ${DB_SECRET}\n`);
  });

  test("given a change that fails its health check, when applied, then terraform names host and step and the host keeps its old state", async () => {
    const before = attributes();
    tf.wd.write("main.tf", config({ betaGreeting: "bonjour", mode: "bad" }));
    const stderr = tf.apply([1]).stderr.replace(/\s+/g, " ");
    expect(stderr).toContain(`failed on host ${host().name} at step health:systemctl is-active --quiet pv-alpha`);
    expect(stderr).toContain("the host was rolled back (restored /etc/pv/alpha.conf, restarted pv-alpha on the old files)");
    expect(await onHost(host(), "cat /etc/pv/alpha.conf")).toContain("mode = good");
    expect(await onHost(host(), "systemctl is-active pv-alpha pv-beta")).toBe("active\nactive\n");
    expect(attributes().applied_at).toBe(before.applied_at);
    expect(tf.plan([2]).stdout).toMatch(/\+\s+mode = bad/);
  });

  test("given every run above, then the secret is in no terraform output, trace log or world-readable file", async () => {
    expect(tf.allText()).toContain("polyvisor_compute_node");
    expect(tf.allText()).not.toContain(DB_SECRET);
    const holders = (await onHost(host(), `grep -rlF ${DB_SECRET} /etc /var /root /tmp /run 2>/dev/null; true`)).trim().split("\n").filter(Boolean);
    expect(holders).toContain("/etc/pv/alpha.conf");
    const modes = await onHost(host(), `stat -c '%a %n' ${holders.join(" ")}`);
    for (const line of modes.trim().split("\n")) expect(parseInt(line.split(" ")[0], 8) & 0o004, line).toBe(0);
  });

  test("given the role is destroyed, then its services stop, its files go and the original file is back", async () => {
    tf.wd.write("main.tf", config({ betaGreeting: "bonjour" }));
    tf.run(["destroy", "-auto-approve", "-input=false", "-target=polyvisor_compute_node.n"]);
    expect((await onHost(host(), "systemctl is-active pv-alpha pv-beta; true")).trim().split("\n")).toEqual(["inactive", "inactive"]);
    expect(await onHost(host(), "cat /etc/pv/beta.conf")).toBe("original beta\n");
    expect(await onHost(host(), "ls -a /etc/pv /etc/systemd/system | grep -E 'alpha|pv-beta|polyvisor-' ; true")).toBe("");
    tf.run(["destroy", "-auto-approve", "-input=false"]);
  });
});
