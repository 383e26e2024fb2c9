// The whole all-in-one run the demo prints, the end-to-end test asserts and the benchmark times:
// fleet up powered off -> images -> `cdktf deploy` -> checks -> second deploy (no change, no
// restart) -> one node's nova.conf changed (only that node restarts) -> `cdktf destroy` (hosts
// clean) -> fleet down. Every check is recorded, never thrown, so a report shows all of them.
import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../../examples/find-file";
import { OpenStackCloud, credentialsFromStackOutputs } from "../../provisioners/openstack";
import { InstanceOperations } from "../../provisioners/operations";
import { ZED_RECIPES, type RoleName } from "../../provisioners/roles";
import * as checks from "./checks";
import { Clock, buildImages, fleetDown, fleetUpPoweredOff, stackEnv } from "./flow";
import { FleetHostRecord, fleet, fleetHosts, ssh } from "./fleet";
import { HostPurpose, ROLE_OF, hostsByPurpose } from "./inventory";
import { deploy, destroy, outputs, RunResult, STACK, StackEnv } from "./stack";

/** A day-2 change to one node's nova.conf (the example's node id, the host playing it). */
const ONE_NODE_CHANGE = { node: "qemu-1", purpose: "qemu-1" as HostPurpose, section: "DEFAULT", key: "cpu_allocation_ratio", value: 4 };

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** What a run found, filled in phase by phase. */
export interface AllInOneReport {
  readonly hosts: Record<string, { readonly name: string; readonly address: string; readonly role: RoleName }>;
  services: checks.ServiceRow[];
  hypervisors: checks.HypervisorRow[];
  servers: checks.ServerRow[];
  consoleLine?: string;
  /** The live migration the run shows at its end. */
  migration?: { readonly server: string; readonly from: string; readonly to: string; readonly seconds: number; readonly uptimeBefore: number; readonly uptimeAfter: number };
  readonly checks: Check[];
  readonly timings: Clock["timings"];
  totalSeconds: number;
  deployLog?: string;
  /** For follow-up work on the same run (the benchmark's timestamps, a teardown). */
  readonly fleetHosts: Record<HostPurpose, FleetHostRecord>;
  readonly env: StackEnv;
  readonly deployStartedAt: number;
}

export interface RunOptions {
  /** Stop after the first deploy and its checks (the benchmark). */
  readonly deployOnly?: boolean;
  /** Leave the cloud and the hosts up at the end. */
  readonly keep?: boolean;
  readonly say?: (line: string) => void;
}

const units = (purpose: HostPurpose) => ZED_RECIPES[ROLE_OF[purpose]].services.map((s) => s.unit);

async function pidsOf(byPurpose: Record<HostPurpose, FleetHostRecord>): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [purpose, host] of Object.entries(byPurpose)) out[purpose] = await checks.mainPids(host, units(purpose as HostPurpose), ssh);
  return out;
}

function restarted(before: Record<string, Record<string, string>>, after: Record<string, Record<string, string>>): string[] {
  return Object.entries(before).flatMap(([purpose, units]) =>
    Object.entries(units).filter(([u, pid]) => pid !== "0" && after[purpose]?.[u] !== pid).map(([u]) => `${purpose}:${u}`));
}

/** One all-in-one run in progress: what each phase needs from the ones before it. */
export interface AllInOneRun {
  readonly report: AllInOneReport;
  readonly options: RunOptions;
  readonly clock: Clock;
  readonly hosts: readonly FleetHostRecord[];
  readonly byPurpose: Record<HostPurpose, FleetHostRecord>;
  /** The stack's environment as last deployed (day two changes one node's overrides). */
  env: StackEnv;
  /** The first deploy succeeded: the cloud is up and its outputs are in `outputsFile`. */
  readonly deployed: boolean;
  readonly outputsFile?: string;
  check(name: string, ok: boolean, detail: string): void;
  say(line: string): void;
}

/** The whole run: deploy and check, day-two changes, a live migration, destroy (unless kept). */
export async function runAllInOne(options: RunOptions = {}): Promise<AllInOneReport> {
  const run = await deployAllInOne(options);
  if (!run.deployed || options.deployOnly) return finish(run);
  await dayTwoAllInOne(run);
  await showLiveMigration(run);
  if (!options.keep) await destroyAllInOne(run);
  return finish(run);
}

/** Test hosts up powered off, guest images, `cdktf deploy`, then the checks of the deployed cloud. */
export async function deployAllInOne(options: RunOptions = {}): Promise<AllInOneRun> {
  const say = options.say ?? ((l: string) => process.stderr.write(`${l}\n`));
  const clock = new Clock();
  const results: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    results.push({ name, ok, detail });
    say(`${ok ? "PASS" : "FAIL"} ${name}: ${detail}`);
  };
  const hosts = await clock.time("test hosts up and powered off", fleetUpPoweredOff, say);
  const byPurpose = hostsByPurpose(hosts);
  const env: StackEnv = stackEnv(hosts);
  await clock.time("guest images from Debian packages", () => buildImages(env.imageDir), say);
  const report: AllInOneReport = {
    hosts: Object.fromEntries(Object.entries(byPurpose).map(([p, h]) => [p, { name: h.name, address: h.address, role: ROLE_OF[p as HostPurpose] }])),
    services: [], hypervisors: [], servers: [], consoleLine: undefined, checks: results, timings: clock.timings, totalSeconds: 0,
    deployLog: undefined, fleetHosts: byPurpose, env, deployStartedAt: Date.now(),
  };
  const base = { report, options, clock, hosts, byPurpose, env, check, say };
  const first = await clock.time("cdktf deploy (power on, packages, config, services, API objects, servers)", () => deploy(env), say);
  report.deployLog = first.log;
  check("cdktf deploy succeeds", first.code === 0, `exit ${first.code}, log ${first.log}${first.code === 0 ? "" : `\n${tail(first)}`}`);
  if (first.code !== 0) {
    // Leave nothing behind unless asked to: what was created goes, then the hosts.
    if (!options.keep) await clock.time("cleanup after the failed deploy", async () => { await destroy(env); await fleetDown(); }, say);
    return { ...base, deployed: false };
  }

  const { values, file } = await outputs(env);
  const cloud = checks.connect(file);
  const secretFiles = [path.join(projectRoot(), `terraform.${STACK}.tfstate`), file];
  const modes = secretFiles.map((f) => `${path.basename(f)} ${existsSync(f) ? (statSync(f).mode & 0o777).toString(8).padStart(4, "0") : "missing"}`);
  check("the state and outputs holding passwords are the owner's only", modes.every((m) => / 0600$/.test(m)), modes.join(", "));
  const computeHosts = (["qemu-1", "qemu-2", "lxc", "fake"] as const).map((p) => byPurpose[p].name);
  await clock.time("checks", async () => {
    try {
      report.services = await checks.computeServices(cloud, computeHosts);
      check("every nova-compute is up", true, report.services.map((s) => `${s.host}=${s.state}`).join(", "));
    } catch (err) {
      check("every nova-compute is up", false, (err as Error).message);
    }
    report.hypervisors = await checks.hypervisors(cloud);
    for (const [purpose, type] of Object.entries(checks.EXPECTED.hypervisorType)) {
      const host = byPurpose[purpose as HostPurpose].name;
      const hv = report.hypervisors.find((h) => h.host === host);
      check(`hypervisor of ${host} (${purpose}) is ${type}`, hv?.type === type, hv ? `${hv.hostname}: ${hv.type}, ${hv.state}` : "not listed");
    }
    const ids = (values.instance_ids ?? {}) as Record<string, string>;
    report.servers = await checks.servers(cloud, ids);
    for (const s of report.servers) {
      const allowed = (checks.EXPECTED.servers[s.name] ?? []).map((p) => byPurpose[p].name);
      check(`${s.name} is ACTIVE on ${allowed.join(" or ")}`, s.status === "ACTIVE" && allowed.includes(s.host), `${s.id}: ${s.status} on ${s.host}${s.fault ? ` (${s.fault})` : ""}`);
    }
    check("one server per hypervisor", report.servers.length === 3, Object.keys(ids).join(", "));
    const qemu = report.servers.find((s) => s.name === "smoke-qemu");
    try {
      report.consoleLine = qemu ? await checks.consoleMarker(cloud, qemu.id) : undefined;
      check("the QEMU guest booted (console log)", report.consoleLine !== undefined, report.consoleLine ?? "no smoke-qemu server");
    } catch (err) {
      check("the QEMU guest booted (console log)", false, (err as Error).message);
    }
    const net = await checks.providerNetwork(cloud);
    const want = checks.EXPECTED.network;
    check(`VLAN network ${want.name} has segment ${want.segment} on ${want.physnet}`,
      net?.type === want.type && net.physnet === want.physnet && net.segment === want.segment, JSON.stringify(net ?? null));
  }, say);
  return { ...base, deployed: true, outputsFile: file };
}

/**
 * The deploy's QEMU server live-migrated to the other QEMU node through polyvisor's instance
 * operations (the same call path as `polyvisor instance live-migrate`); its console heartbeat
 * before and after shows the guest kept running.
 */
export async function showLiveMigration(run: AllInOneRun): Promise<void> {
  const { report, byPurpose, check } = run;
  const { credentials, facts } = credentialsFromStackOutputs(run.outputsFile!);
  const cloud = new OpenStackCloud(credentials);
  const qemuHosts = (["qemu-1", "qemu-2"] as const).map((p) => byPurpose[p].name);
  const server = report.servers.find((s) => s.name === "smoke-qemu");
  await run.clock.time("live migration of smoke-qemu to the other QEMU node", async () => {
    try {
      if (!server) throw new Error("the deploy launched no smoke-qemu server");
      // Where it runs now (earlier steps may have moved it), and the other QEMU node.
      const from = (await cloud.servers.get(server.id))["OS-EXT-SRV-ATTR:host"] ?? server.host;
      const target = qemuHosts.find((h) => h !== from)!;
      const ops = new InstanceOperations(cloud, {
        release: facts.release, driverByHost: facts.driverByHost, pollIntervalMs: 1000, onProgress: (p) => run.say(`  ${p.phase}: ${p.message}`),
      });
      const before = await checks.heartbeatAbove(cloud, server.id);
      const moved = await ops.run("live-migrate", server.id, { host: target, timeoutSeconds: 300 });
      // The console log starts empty on the new host: a heartbeat with a higher uptime shows the
      // same guest kept running through the move.
      const after = await checks.heartbeatAbove(cloud, server.id, before);
      const migration = { server: server.name, from: moved.fromHost ?? from, to: moved.host ?? "?", seconds: moved.elapsedMs / 1000, uptimeBefore: before, uptimeAfter: after };
      report.migration = migration;
      check(`smoke-qemu live-migrated from ${from} to ${target}`, moved.host === target && moved.status === "ACTIVE",
        `${moved.status} on ${moved.host} after ${(moved.elapsedMs / 1000).toFixed(1)} s; guest uptime ${before} s before, ${after} s after (no reboot)`);
    } catch (err) {
      check(`smoke-qemu live-migrated to the other QEMU node`, false, (err as Error).message);
    }
  }, run.say);
}

/** Day two: a deploy with no change, then one with one node's nova.conf changed. */
export async function dayTwoAllInOne(run: AllInOneRun): Promise<void> {
  const { clock, byPurpose, env, check, say } = run;
  const before = await pidsOf(byPurpose);
  const second = await clock.time("second cdktf deploy (no change)", () => deploy(env, "deploy-again"), say);
  const after = await pidsOf(byPurpose);
  check("a second deploy reports no changes", second.code === 0 && /No changes/i.test(second.output), `exit ${second.code}, log ${second.log}`);
  const again = restarted(before, after);
  check("a second deploy restarts nothing", again.length === 0, again.join(", ") || "every service kept its PID");

  const change = { [ONE_NODE_CHANGE.node]: { [ONE_NODE_CHANGE.section]: { [ONE_NODE_CHANGE.key]: ONE_NODE_CHANGE.value } } };
  const changedEnv: StackEnv = { ...env, nodeOverrides: JSON.stringify(change) };
  const third = await clock.time(`deploy with ${ONE_NODE_CHANGE.key} = ${ONE_NODE_CHANGE.value} on ${ONE_NODE_CHANGE.node}`, () => deploy(changedEnv, "deploy-one-node"), say);
  const afterChange = await pidsOf(byPurpose);
  const moved = restarted(after, afterChange);
  const target = byPurpose[ONE_NODE_CHANGE.purpose];
  const conf = await ssh(target, `grep -E '^${ONE_NODE_CHANGE.key} = ' /etc/nova/nova.conf`);
  check("the one-node change applies", third.code === 0 && conf.stdout.trim() === `${ONE_NODE_CHANGE.key} = ${ONE_NODE_CHANGE.value}`, `exit ${third.code}; ${target.name}: ${conf.stdout.trim() || "key not found"}`);
  check("only that node's nova-compute restarted", moved.length === 1 && moved[0] === `${ONE_NODE_CHANGE.purpose}:nova-compute`, moved.join(", ") || "nothing restarted");
  check("the change touched one resource", /1 changed/.test(third.output) && /0 added/.test(third.output), (/Resources: .*/.exec(third.output) ?? ["no summary"])[0]);
  run.env = changedEnv;
}

/** `cdktf destroy`, then every host powered on again to show it clean, then the hosts removed. */
export async function destroyAllInOne(run: AllInOneRun): Promise<AllInOneReport> {
  const { clock, hosts, byPurpose, check, say } = run;
  const gone = await clock.time("cdktf destroy", () => destroy(run.env), say);
  check("cdktf destroy succeeds", gone.code === 0, `exit ${gone.code}, log ${gone.log}${gone.code === 0 ? "" : `\n${tail(gone)}`}`);
  await clock.time("hosts clean after destroy", async () => {
    const off = (await fleetHosts()).filter((h) => h.power === "off").map((h) => h.name);
    check("destroy powered the hosts off through their BMCs", off.length === hosts.length, `off: ${off.join(", ") || "none"}`);
    for (const h of hosts) await fleet(["ipmi", h.name, "chassis", "power", "on"]);
    for (const [purpose, h] of Object.entries(byPurpose)) {
      const r = await waitSsh(h, `systemctl is-active ${units(purpose as HostPurpose).join(" ")} | sort | uniq -c | tr '\\n' ' '; grep -l 'Generated by polyvisor' /etc/nova/nova.conf /etc/neutron/neutron.conf /etc/keystone/keystone.conf 2>/dev/null | tr '\\n' ' '`);
      const active = /\d+ active/.test(r.stdout);
      const files = /\/etc\//.test(r.stdout);
      check(`${h.name} (${purpose}) is clean: no role service running, no polyvisor config left`, r.code === 0 && !active && !files, r.stdout.trim() || `ssh exit ${r.code}`);
    }
  }, say);
  await clock.time("test hosts removed", fleetDown, say);
  return finish(run);
}

function finish(run: AllInOneRun): AllInOneReport {
  run.report.totalSeconds = run.clock.total();
  return run.report;
}

/** Destroys the stack and removes the test hosts (after a run that kept them). */
export async function teardown(report: AllInOneReport): Promise<void> {
  await destroy(report.env);
  await fleetDown();
}

async function waitSsh(h: FleetHostRecord, command: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const r = await ssh(h, command, 30_000);
    if (r.code !== 255 && r.code !== -1) return r;
    if (Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 2000));
  }
}

function tail(r: RunResult): string {
  const lines = r.output.split("\n").filter((l) => /Error|error:|│/.test(l));
  return lines.slice(-25).join("\n");
}
