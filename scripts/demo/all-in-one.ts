// The whole all-in-one run the demo prints, the end-to-end test asserts and the benchmark times:
// fleet up powered off -> images -> `cdktf deploy` -> checks -> second deploy (no change, no
// restart) -> one node's nova.conf changed (only that node restarts) -> `cdktf destroy` (hosts
// clean) -> fleet down. Every check is recorded, never thrown, so a report shows all of them.
import { ZED_RECIPES, type RoleName } from "../../provisioners/roles";
import * as checks from "./checks";
import { Clock, buildImages, fleetDown, fleetUpPoweredOff, stackEnv } from "./flow";
import { FleetHostRecord, fleet, fleetHosts, ssh } from "./fleet";
import { HostPurpose, ROLE_OF, hostsByPurpose } from "./inventory";
import { deploy, destroy, outputs, RunResult, StackEnv } from "./stack";

/** A day-2 change to one node's nova.conf (the example's node id, the host playing it). */
const ONE_NODE_CHANGE = { node: "qemu-1", purpose: "qemu-1" as HostPurpose, section: "DEFAULT", key: "cpu_allocation_ratio", value: 4 };

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface AllInOneReport {
  readonly hosts: Record<string, { readonly name: string; readonly address: string; readonly role: RoleName }>;
  readonly services: checks.ServiceRow[];
  readonly hypervisors: checks.HypervisorRow[];
  readonly servers: checks.ServerRow[];
  readonly consoleLine?: string;
  readonly checks: Check[];
  readonly timings: Clock["timings"];
  readonly totalSeconds: number;
  readonly deployLog?: string;
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

export async function runAllInOne(options: RunOptions = {}): Promise<AllInOneReport> {
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
  const report = {
    hosts: Object.fromEntries(Object.entries(byPurpose).map(([p, h]) => [p, { name: h.name, address: h.address, role: ROLE_OF[p as HostPurpose] }])),
    services: [] as checks.ServiceRow[], hypervisors: [] as checks.HypervisorRow[], servers: [] as checks.ServerRow[],
    consoleLine: undefined as string | undefined, checks: results, timings: clock.timings, totalSeconds: 0, deployLog: undefined as string | undefined,
    fleetHosts: byPurpose, env, deployStartedAt: Date.now(),
  };
  const first = await clock.time("cdktf deploy (power on, packages, config, services, API objects, servers)", () => deploy(env), say);
  report.deployLog = first.log;
  check("cdktf deploy succeeds", first.code === 0, `exit ${first.code}, log ${first.log}${first.code === 0 ? "" : `\n${tail(first)}`}`);
  if (first.code !== 0) {
    // Leave nothing behind unless asked to: what was created goes, then the hosts.
    if (!options.keep) await clock.time("cleanup after the failed deploy", async () => { await destroy(env); await fleetDown(); }, say);
    return finish();
  }

  const { values, file } = await outputs(env);
  const cloud = checks.connect(file);
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
  if (options.deployOnly) return finish();

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
  if (options.keep) return finish();

  const gone = await clock.time("cdktf destroy", () => destroy(changedEnv), say);
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
  return finish();

  function finish(): AllInOneReport {
    report.totalSeconds = clock.total();
    return report;
  }
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
