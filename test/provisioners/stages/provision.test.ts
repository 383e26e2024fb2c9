// From powered off to ready on 3 real Debian hosts (systemd-nspawn, real systemd and sshd, ipmi_sim
// BMCs): power on through the BMC, OS preparation, a package, config files with secrets, a systemd
// service and its health check; then idempotence and bad input that must leave other hosts alone.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { IpmiBmc } from "../../../provisioners/bmc/ipmi";
import { rollout, RolloutTarget } from "../../../provisioners/rollout/rollout";
import { HostDefinition } from "../../../provisioners/ssh/host";
import { SshPool } from "../../../provisioners/ssh/pool";
import { Logger, MemorySink } from "../../../provisioners/ssh/redact";
import { sleep } from "../../../provisioners/ssh/retry";
import { SshSession } from "../../../provisioners/ssh/session";
import { HostPlan } from "../../../provisioners/stages/provision";
import { RoleSpec } from "../../../provisioners/stages/role";
import { fleetAptProxy, fleetDown, fleetUp, toHostDefinition } from "../fleet-hosts";

const GROUP = "pvnode";
const SECRET = "Nv-3f9-db-password";
let hosts: HostDefinition[] = [];
let aptProxy = "";
const sink = new MemorySink();
const scratch = mkdtempSync(join(tmpdir(), "pv-provision-"));
const strangerKey = join(scratch, "stranger");
execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", strangerKey]);
const strangerPublicKey = readFileSync(`${strangerKey}.pub`, "utf8");

beforeAll(async () => {
  hosts = (await fleetUp(GROUP, 3, "nspawn")).map(toHostDefinition);
  aptProxy = fleetAptProxy();
  for (const h of hosts) await new IpmiBmc(h.name, h.bmc!).powerOff();
  for (const h of hosts) await waitPower(h, "off");
});
afterAll(async () => { await fleetDown(GROUP); rmSync(scratch, { recursive: true, force: true }); });

async function waitPower(host: HostDefinition, state: "on" | "off"): Promise<void> {
  const bmc = new IpmiBmc(host.name, host.bmc!);
  for (let i = 0; i < 120 && (await bmc.powerStatus()) !== state; i++) await sleep(500);
  expect(await bmc.powerStatus()).toBe(state);
}
async function on(host: HostDefinition, cmd: string): Promise<string> {
  const s = await SshSession.open(host);
  try { return (await s.run(cmd, { step: "test" })).stdout.trim(); } finally { s.close(); }
}

const webRole: RoleSpec = {
  name: "web",
  packages: ["jq"],
  secrets: { db: SECRET },
  files: [
    { path: "/etc/pvweb/web.json", content: '{"listen": 8080, "db": "mysql://web:${secret:db}@ctl/web"}\n' },
    { path: "/srv/pvweb/index.html", content: "<h1>polyvisor</h1>\n" },
  ],
  services: [{ name: "pvweb", command: "/usr/bin/python3 -m http.server 8080 --directory /srv/pvweb" }],
  healthChecks: [{ name: "http", command: "/usr/bin/python3 -c \"import urllib.request as u; assert b'polyvisor' in u.urlopen('http://127.0.0.1:8080/').read()\"", attempts: 20, intervalMs: 500 }],
};

function plan(host: HostDefinition, roles: RoleSpec[] = [webRole]): HostPlan {
  return {
    os: {
      hostname: host.name,
      extraHosts: Object.fromEntries(hosts.filter((h) => h !== host).map((h) => [h.name, h.address])),
      apt: { proxy: aptProxy },
      timeServers: ["10.213.0.1"],
    },
    roles,
  };
}
/** Every host with the plan; host `index` (the canary) gets an override of its definition or plan. */
const targets = (roles?: RoleSpec[], override: Partial<HostDefinition> = {}, index = -1, planOverride: (p: HostPlan) => HostPlan = (p) => p): RolloutTarget[] =>
  hosts.map((h, i) => ({ host: i === index ? { ...h, ...override } : h, plan: i === index ? planOverride(plan(h, roles)) : plan(h, roles) }));

describe("provisioning real Debian hosts from powered off", () => {
  test("given 3 powered-off hosts, when rolled out, then each is on, prepared, has the package, files and a running systemd service", async () => {
    const pool = new SshPool({ logger: new Logger(sink) });
    try {
      const report = await rollout(targets(), { pool, power: { sshWaitMs: 240_000 } }, { canary: 1, parallelism: 2 });
      expect(report.hosts.map((h) => [h.host, h.outcome, h.error?.message])).toEqual(hosts.map((h) => [h.name, "changed", undefined]));
      expect(report.hosts[0].changes).toEqual(expect.arrayContaining(["power: powered on", "web:packages: installed jq", "web:services: started pvweb"]));
    } finally {
      await pool.closeAll();
    }
    for (const h of hosts) {
      expect(await on(h, "hostname")).toBe(h.name);
      expect(await on(h, "dpkg-query -W -f='${Status}' jq; test -e /usr/sbin/policy-rc.d && echo ' policy-rc.d left behind' || true")).toBe("install ok installed");
      expect(await on(h, "systemctl is-active pvweb; systemctl is-enabled pvweb")).toBe("active\nenabled");
      expect(await on(h, "sed -n '/BEGIN polyvisor/,/END polyvisor/p' /etc/hosts")).toBe(
        ["# BEGIN polyvisor managed hosts", ...hosts.filter((o) => o !== h).map((o) => `${o.address}\t${o.name}`), "# END polyvisor managed hosts"].join("\n"));
      expect(await on(h, "stat -c %a /etc/pvweb/web.json; jq -r .db /etc/pvweb/web.json")).toBe(`640\nmysql://web:${SECRET}@ctl/web`);
    }
  });

  test("given the same definition, when rolled out again, then nothing is written and no service restarts", async () => {
    const before = await Promise.all(hosts.map((h) => on(h, "systemctl show -p MainPID --value pvweb; stat -c '%i %Y' /etc/pvweb/web.json /etc/hosts /etc/hostname /etc/apt/apt.conf.d/90polyvisor-proxy")));
    const pool = new SshPool({ logger: new Logger(sink) });
    try {
      const report = await rollout(targets(), { pool }, { canary: 1, parallelism: 3 });
      expect(report.hosts.map((h) => [h.outcome, h.changes])).toEqual(hosts.map(() => ["unchanged", []]));
    } finally {
      await pool.closeAll();
    }
    expect(await Promise.all(hosts.map((h) => on(h, "systemctl show -p MainPID --value pvweb; stat -c '%i %Y' /etc/pvweb/web.json /etc/hosts /etc/hostname /etc/apt/apt.conf.d/90polyvisor-proxy")))).toEqual(before);
  });

  const badPackageRole: RoleSpec = { name: "extra", packages: ["jq", "polyvisor-no-such-package"], files: [{ path: "/etc/pvextra.conf", content: "x\n" }] };
  const noSysctlInContainer = (p: HostPlan): HostPlan => ({ ...p, os: { ...p.os, sysctl: { "net.ipv4.ip_forward": 1 } } });
  test.each([
    ["a package that does not exist", {}, undefined, "PackageNotFound", /packages.*polyvisor-no-such-package/],
    ["a wrong pinned host key", { sshHostKey: strangerPublicKey }, undefined, "HostKeyMismatch", /ssh-connect/],
    ["wrong SSH credentials", { sshPrivateKeyPath: strangerKey }, undefined, "SshAuthFailed", /ssh-connect/],
    ["an unreachable BMC", { bmc: { type: "ipmi" as const, address: "127.0.21.1", port: 6231, username: "admin", password: "x-bmc-pw", timeoutSeconds: 3 } }, undefined, "BmcUnreachable", /bmc:power-status/],
    ["a kernel parameter the container may not set", {}, noSysctlInContainer, "SysctlFailed", /os:sysctl.*net.ipv4.ip_forward/],
  ])("given %s on the canary, when rolled out, then the error names host and step and no other host changes", async (_, override, planOverride, code, step) => {
    const roles = [webRole, badPackageRole];
    const before = await Promise.all(hosts.slice(1).map((h) => on(h, "ls /etc/pvextra.conf 2>&1; stat -c '%i %Y' /etc/pvweb/web.json")));
    const pool = new SshPool({ logger: new Logger(sink), retry: { attempts: 1 } });
    try {
      const report = await rollout(targets(roles, override, 0, planOverride), { pool }, { canary: 1, parallelism: 2, maxFailures: 5 });
      expect(report.hosts.map((h) => h.outcome)).toEqual(["failed", "skipped", "skipped"]);
      expect(report.hosts[0].error?.code).toBe(code);
      expect(report.hosts[0].error?.message).toContain(hosts[0].name);
      expect(report.hosts[0].error?.message).toMatch(step);
    } finally {
      await pool.closeAll();
    }
    expect(await Promise.all(hosts.slice(1).map((h) => on(h, "ls /etc/pvextra.conf 2>&1; stat -c '%i %Y' /etc/pvweb/web.json")))).toEqual(before);
    expect(await on(hosts[0], "ls /etc/pvextra.conf 2>&1 || true")).toMatch(/No such file/);
  });

  test("given every run above, then no secret reached a log line", () => {
    expect(sink.records.length).toBeGreaterThan(0);
    expect(sink.text()).not.toContain(SECRET);
    expect(sink.text()).not.toContain("x-bmc-pw");
  });
});
