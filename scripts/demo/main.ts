// `npm run demo`: the all-in-one example from powered-off test hosts to a checked multi-hypervisor
// Zed cloud, day-two changes, a live migration, and back; then a summary: hosts, services,
// hypervisors, servers, the migration, checks, times.
//   node dist/scripts/demo/main.js [--keep]   (--keep: leave the cloud running at the end)
import { AllInOneReport, runAllInOne } from "./all-in-one";

function summary(r: AllInOneReport): string {
  const lines = ["", "polyvisor all-in-one: summary", ""];
  lines.push("Hosts (systemd-nspawn Debian 12, powered on through IPMI BMCs by the deploy):");
  for (const [purpose, h] of Object.entries(r.hosts)) lines.push(`  ${h.name.padEnd(8)} ${h.address.padEnd(12)} ${purpose.padEnd(10)} role ${h.role}`);
  lines.push("", "nova-compute services:");
  for (const s of r.services) lines.push(`  ${s.host.padEnd(8)} ${s.state} (${s.status})`);
  lines.push("", "Hypervisors:");
  for (const h of r.hypervisors) lines.push(`  ${h.host.padEnd(8)} ${h.type.padEnd(6)} ${h.state}`);
  lines.push("", "Servers launched by the deploy:");
  for (const s of r.servers) lines.push(`  ${s.name.padEnd(11)} ${s.id}  ${s.status} on ${s.host}`);
  if (r.consoleLine) lines.push(`  QEMU console: ${r.consoleLine.trim()}`);
  if (r.migration) {
    const m = r.migration;
    lines.push("", "Live migration (polyvisor instance live-migrate, after the day-two deploys):");
    lines.push(`  ${m.server} ${m.from} -> ${m.to} in ${m.seconds.toFixed(1)} s, still ACTIVE; guest uptime on its console ${m.uptimeBefore} s before, ${m.uptimeAfter} s after`);
  }
  lines.push("", "Checks:");
  for (const c of r.checks) lines.push(`  ${c.ok ? "PASS" : "FAIL"}  ${c.name}`);
  lines.push("", "Time:");
  for (const t of r.timings) lines.push(`  ${t.seconds.toFixed(1).padStart(7)} s  ${t.step}`);
  lines.push(`  ${r.totalSeconds.toFixed(1).padStart(7)} s  total`);
  const failed = r.checks.filter((c) => !c.ok).length;
  lines.push("", `${r.checks.length - failed} passed, ${failed} failed`);
  return lines.join("\n");
}

async function main(): Promise<number> {
  const report = await runAllInOne({ keep: process.argv.includes("--keep") });
  process.stdout.write(`${summary(report)}\n`);
  return report.checks.every((c) => c.ok) && report.checks.length > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
