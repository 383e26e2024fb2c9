// End to end: the all-in-one example deployed by `cdktf deploy` through polyvisor's provider onto
// five powered-off systemd-nspawn Debian hosts (IPMI BMCs), a real Zed cloud from Debian's packages,
// then destroyed. The run is scripts/demo/all-in-one.ts, the same code `npm run demo` prints; each
// test asserts one of its checks. Needs root, terraform on the PATH and the apt mirror through the
// fleet's proxy (about 15 minutes cold on 2 cores; the hooks allow 40).
import { beforeAll, describe, expect, test } from "vitest";
import { AllInOneReport, runAllInOne } from "../../scripts/demo/all-in-one";

let report: AllInOneReport;

const check = (name: string | RegExp) => {
  const found = report.checks.filter((c) => (typeof name === "string" ? c.name === name : name.test(c.name)));
  expect(found.length, `no check named ${String(name)} ran; checks: ${report.checks.map((c) => c.name).join("; ")}`).toBeGreaterThan(0);
  for (const c of found) expect(c.ok, `${c.name}: ${c.detail}`).toBe(true);
};

describe("examples/all-in-one deployed on local test hosts", () => {
  beforeAll(async () => {
    report = await runAllInOne({ say: (l) => process.stderr.write(`[all-in-one] ${l}\n`) });
  }, 40 * 60_000);

  test("given powered-off hosts, when cdktf deploy runs, then it succeeds", () => check("cdktf deploy succeeds"));
  test("given the deployed cloud, when nova's services are listed, then every nova-compute is up", () => check("every nova-compute is up"));
  test("given the deployed cloud, when hypervisors are listed, then each node reports its hypervisor type", () => check(/^hypervisor of /));
  test("given one image and flavor per hypervisor, when the deploy launches a server with each, then each is ACTIVE on its own node", () => {
    check("one server per hypervisor");
    check(/ is ACTIVE on /);
  });
  test("given the QEMU server, when its console log is read, then the guest printed its boot marker", () => check("the QEMU guest booted (console log)"));
  test("given the definition's VLAN network, when neutron lists it, then it has the defined physnet and segment", () => check(/^VLAN network /));
  test("given no change, when cdktf deploy runs again, then it reports no changes", () => check("a second deploy reports no changes"));
  test("given no change, when cdktf deploy runs again, then no service restarts", () => check("a second deploy restarts nothing"));
  test("given a nova.conf change on one node, when deployed, then only that node has it and restarts", () => {
    check("the one-node change applies");
    check("only that node's nova-compute restarted");
    check("the change touched one resource");
  });
  test("given the deployed cloud, when cdktf destroy runs, then it succeeds and powers the hosts off", () => {
    check("cdktf destroy succeeds");
    check("destroy powered the hosts off through their BMCs");
  });
  test("given the destroyed cloud, when each host is powered on again, then no role service runs and no polyvisor config is left", () => check(/ is clean: /));
});
