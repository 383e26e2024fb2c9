// Benchmark: time from nothing (five powered-off test hosts, no packages) to the first ACTIVE
// server of the all-in-one example, by stage (each an interval; stages overlap). Stage boundaries come
// from the hosts' own clocks (they share the machine's): container start, sshd up, apt's history
// (package install), the first and last start of the role's services, nova's created/launched_at.
//
//   bash scripts/build.sh && node dist/bench/first-active.js [--keep]
import { ssh } from "../scripts/demo/fleet";
import { runAllInOne, teardown } from "../scripts/demo/all-in-one";
import { connect } from "../scripts/demo/checks";
import { outputs } from "../scripts/demo/stack";
import { ROLE_OF, type HostPurpose } from "../scripts/demo/inventory";
import { ZED_RECIPES } from "../provisioners/roles";

interface HostTimes { boot: number; sshd: number; aptStart: number; aptEnd: number; firstService: number; lastService: number }

const PROBE = (units: readonly string[]) => [
  "echo boot=$(date -d \"$(ps -o lstart= -p 1)\" +%s)",
  "echo sshd=$(( $(date +%s) - ( $(cut -d. -f1 /proc/uptime) - $(systemctl show -p ActiveEnterTimestampMonotonic --value ssh) / 1000000 ) ))",
  "echo apt=$(grep -E '^(Start|End)-Date' /var/log/apt/history.log | tail -n 2 | cut -d' ' -f2- | while read -r d; do date -d \"$d\" +%s; done | tr '\\n' ' ')",
  `for u in ${units.join(" ")}; do m=$(systemctl show -p ActiveEnterTimestampMonotonic --value $u); [ "$m" -gt 0 ] 2>/dev/null && echo svc=$(( $(date +%s) - ( $(cut -d. -f1 /proc/uptime) - m / 1000000 ) )); done`,
].join("; ");

async function hostTimes(purpose: HostPurpose, host: Parameters<typeof ssh>[0]): Promise<HostTimes> {
  const r = await ssh(host, PROBE(ZED_RECIPES[ROLE_OF[purpose]].services.map((s) => s.unit)));
  const one = (k: string) => Number(new RegExp(`^${k}=(\\d+)`, "m").exec(r.stdout)?.[1] ?? NaN);
  const apt = (/^apt=(\d+) (\d+)/m.exec(r.stdout) ?? []).slice(1).map(Number);
  const svc = [...r.stdout.matchAll(/^svc=(\d+)/gm)].map((m) => Number(m[1]));
  return { boot: one("boot"), sshd: one("sshd"), aptStart: apt[0], aptEnd: apt[1], firstService: Math.min(...svc), lastService: Math.max(...svc) };
}

async function main(): Promise<void> {
  const report = await runAllInOne({ deployOnly: true });
  const deployStart = report.deployStartedAt / 1000;
  const byPurpose = report.fleetHosts;
  const times = Object.fromEntries(await Promise.all(Object.entries(byPurpose).map(async ([p, h]) => [p, await hostTimes(p as HostPurpose, h)] as const))) as Record<HostPurpose, HostTimes>;
  const { file } = await outputs(report.env);
  const cloud = connect(file);
  const launched = await Promise.all(report.servers.map(async (s) => {
    const raw = (await cloud.servers.get(s.id)) as unknown as Record<string, string>;
    return { name: s.name, created: Date.parse(raw.created) / 1000, active: Date.parse(`${raw["OS-SRV-USG:launched_at"]}Z`) / 1000 };
  }));
  const first = launched.filter((l) => Number.isFinite(l.active)).sort((a, b) => a.active - b.active)[0];
  const ctl = times.controller;
  const computes = (["qemu-1", "qemu-2", "lxc", "fake"] as const).map((p) => times[p]);
  const max = (xs: number[]) => Math.max(...xs.filter(Number.isFinite));
  const min = (xs: number[]) => Math.min(...xs.filter(Number.isFinite));
  const rows: [string, number, number][] = [
    ["host boot (BMC power on -> sshd up, controller)", deployStart, ctl.sshd],
    ["package install (controller)", ctl.aptStart, ctl.aptEnd],
    ["configuration (files, pre-service steps; controller)", ctl.aptEnd, ctl.firstService],
    ["service start (incl. DB syncs, keystone; controller)", ctl.firstService, ctl.lastService],
    ["package install (compute nodes, in parallel)", min(computes.map((c) => c.aptStart)), max(computes.map((c) => c.aptEnd))],
    ["configuration + service start (compute nodes)", max(computes.map((c) => c.aptEnd)), max(computes.map((c) => c.lastService))],
    ["API objects (aggregates, flavors, images, network; beside the compute nodes)", ctl.lastService, first ? first.created : NaN],
    [`first boot (${first?.name ?? "no server"}: created -> ACTIVE)`, first?.created ?? NaN, first?.active ?? NaN],
  ];
  // Stages overlap (compute nodes and API objects both wait only for the controller), so each is
  // shown as its own interval from the deploy's start, not as a slice of a sequential total.
  console.log("\npolyvisor all-in-one: nothing -> first ACTIVE server (seconds from cdktf deploy start)\n");
  console.log("   from     to    took  stage");
  const at = (t: number) => (Number.isFinite(t) ? `+${(t - deployStart).toFixed(0)}` : "?").padStart(6);
  for (const [label, a, b] of rows) console.log(`  ${at(a)} ${at(b)}  ${Number.isFinite(b - a) ? (b - a).toFixed(0).padStart(5) : "    ?"}  ${label}`);
  console.log(`  ${first ? (first.active - deployStart).toFixed(0).padStart(6) : "     ?"} s  total from cdktf deploy start to the first ACTIVE server`);
  for (const t of report.timings) console.log(`  ${t.seconds.toFixed(1).padStart(7)} s  (step) ${t.step}`);
  const failed = report.checks.filter((c) => !c.ok);
  if (failed.length > 0) console.log(`\nchecks that failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join("\n  ")}`);
  if (!process.argv.includes("--keep")) await teardown(report);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
