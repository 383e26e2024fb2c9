// Benchmark: push a changed config file and restart the service that reads it on N lightweight
// test hosts (default 50); wall time with parallelism 1, with the default parallelism, a no-change
// re-run, and the same change done by Ansible (Debian's ansible-core) on the same hosts.
//
//   bash scripts/setup-ansible.sh            # once
//   npx tsc -p tsconfig.json && node dist/bench/rollout.js [--hosts 50] [--keep]
//
// The hosts come from the test fleet (scripts/testhosts/fleet up --kind light --name bench).

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HostDefinition, Logger, MemorySink, SshPool, DEFAULT_PARALLELISM, RoleSpec, rollout, supervisorManager } from "../provisioners";

const REPO = resolve(__dirname, "..", "..");
const FLEET = join(REPO, "scripts/testhosts/fleet");
const INVENTORY = join(process.env.POLYVISOR_FLEET_DIR ?? join(REPO, ".polyvisor/fleet"), "inventory.json");
const GROUP = "bench";
const CONFIG_PATH = "/etc/pvbench/app.conf";
const SERVICE = "pvbench";
const RESTART = `/usr/local/sbin/polyvisor-service restart ${SERVICE}`;

interface InventoryHost {
  name: string; group: string; address: string; ssh_user: string; ssh_port: number; ssh_private_key: string; host_key: string;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function benchHosts(count: number): HostDefinition[] {
  execFileSync(FLEET, ["up", "--hosts", String(count), "--kind", "light", "--name", GROUP], { stdio: ["ignore", "ignore", "inherit"] });
  const inventory = JSON.parse(readFileSync(INVENTORY, "utf8")) as { hosts: InventoryHost[] };
  return inventory.hosts.filter((h) => h.group === GROUP).slice(0, count).map((h) => ({
    name: h.name, address: h.address, sshUser: h.ssh_user, sshPort: h.ssh_port, sshPrivateKeyPath: h.ssh_private_key, sshHostKey: h.host_key,
  }));
}

const content = (version: string) => `# pvbench config\nversion = ${version}\n`;

function role(version: string): RoleSpec {
  return {
    name: "bench",
    files: [{ path: CONFIG_PATH, content: content(version) }],
    services: [{ name: SERVICE, command: "sleep 1000000", inputs: [CONFIG_PATH] }],
  };
}

async function polyvisorRun(hosts: HostDefinition[], version: string, parallelism: number): Promise<{ seconds: number; changed: number; failed: number }> {
  const pool = new SshPool({ logger: new Logger(new MemorySink()) });
  const started = process.hrtime.bigint();
  const report = await rollout(hosts.map((host) => ({ host, plan: { powerOn: false, roles: [role(version)] } })), { pool, serviceManager: supervisorManager },
    { parallelism, canary: 1, maxFailures: 0 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.closeAll();
  if (report.counts.failed + report.counts["rolled-back"] > 0) throw new Error(`polyvisor run failed: ${JSON.stringify(report.hosts.filter((h) => h.error))}`);
  return { seconds, changed: report.counts.changed, failed: report.counts.failed };
}

function ansibleRun(hosts: HostDefinition[], version: string, forks: number): { seconds: number; changed: number } | string {
  const which = spawnSync("sh", ["-c", "command -v ansible-playbook"]);
  if (which.status !== 0) return "ansible-playbook not installed (run scripts/setup-ansible.sh)";
  const dir = mkdtempSync(join(tmpdir(), "pvbench-ansible-"));
  try {
    writeFileSync(join(dir, "known_hosts"), hosts.map((h) => `${h.address} ${h.sshHostKey}\n`).join(""));
    writeFileSync(join(dir, "inventory.ini"), ["[bench]", ...hosts.map((h) => `${h.name} ansible_host=${h.address} ansible_port=${h.sshPort ?? 22} ansible_user=${h.sshUser ?? "root"}`)].join("\n") + "\n");
    writeFileSync(join(dir, "vars.json"), JSON.stringify({ bench_content: content(version), bench_path: CONFIG_PATH, bench_restart: RESTART }));
    const env = {
      ...process.env,
      ANSIBLE_CONFIG: join(dir, "none.cfg"),
      ANSIBLE_PYTHON_INTERPRETER: "/usr/bin/python3",
      ANSIBLE_PRIVATE_KEY_FILE: hosts[0].sshPrivateKeyPath,
      ANSIBLE_SSH_ARGS: `-o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=${join(dir, "known_hosts")} -o StrictHostKeyChecking=yes`,
      ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, "cp"),
      ANSIBLE_PIPELINING: "True",
      ANSIBLE_FORKS: String(forks),
      ANSIBLE_LOCAL_TEMP: join(dir, "tmp"),
      ANSIBLE_HOME: join(dir, "home"),
      ANSIBLE_STDOUT_CALLBACK: "default",
    };
    const started = process.hrtime.bigint();
    const r = spawnSync("ansible-playbook", ["-i", join(dir, "inventory.ini"), "-e", `@${join(dir, "vars.json")}`, join(REPO, "bench/ansible/push-config.yml")], { env, encoding: "utf8", maxBuffer: 64 << 20 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) return `ansible-playbook failed (exit ${r.status}): ${(r.stdout + r.stderr).split("\n").slice(-8).join(" | ")}`;
    const recap = [...r.stdout.matchAll(/changed=(\d+)/g)].reduce((n, m) => n + (Number(m[1]) > 0 ? 1 : 0), 0);
    return { seconds, changed: recap };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const count = Number(arg("hosts", "50"));
  const hosts = benchHosts(count);
  if (hosts.length < count) throw new Error(`only ${hosts.length} bench hosts in ${INVENTORY}`);
  const stamp = Date.now().toString(36);
  console.log(`polyvisor rollout bench: ${count} light hosts, change = rewrite ${CONFIG_PATH} + restart ${SERVICE}`);
  await polyvisorRun(hosts, `${stamp}-setup`, DEFAULT_PARALLELISM); // service and supervisor in place
  const rows: Array<[string, string]> = [];
  const fmt = (s: number) => `${s.toFixed(1)} s`;
  const p1 = await polyvisorRun(hosts, `${stamp}-a`, 1);
  rows.push(["polyvisor, parallelism 1", `${fmt(p1.seconds)}  (${p1.changed} hosts changed)`]);
  const pd = await polyvisorRun(hosts, `${stamp}-b`, DEFAULT_PARALLELISM);
  rows.push([`polyvisor, parallelism ${DEFAULT_PARALLELISM} (default)`, `${fmt(pd.seconds)}  (${pd.changed} hosts changed)`]);
  const again = await polyvisorRun(hosts, `${stamp}-b`, DEFAULT_PARALLELISM);
  rows.push([`polyvisor, no change, parallelism ${DEFAULT_PARALLELISM}`, `${fmt(again.seconds)}  (${again.changed} hosts changed)`]);
  for (const forks of [1, 5, DEFAULT_PARALLELISM].filter((f, i, all) => all.indexOf(f) === i)) {
    const a = ansibleRun(hosts, `${stamp}-ansible-${forks}`, forks);
    rows.push([`ansible-playbook, forks ${forks}${forks === 5 ? " (default)" : ""}`, typeof a === "string" ? a : `${fmt(a.seconds)}  (${a.changed} hosts changed)`]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [what, figure] of rows) console.log(`${what.padEnd(width)}  ${figure}`);
  if (!process.argv.includes("--keep")) execFileSync(FLEET, ["down", "--name", GROUP], { stdio: ["ignore", "ignore", "inherit"] });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
