// End to end: the all-in-one example deployed by `cdktf deploy` through polyvisor's provider onto
// five powered-off systemd-nspawn Debian hosts (IPMI BMCs), a real Zed cloud from Debian's packages;
// then every instance operation on it through polyvisor's driver layer, and a polyvisor_instance
// through terraform (power states, resize in place); then day-two changes, a live migration, and
// `cdktf destroy`. The phases are scripts/demo/all-in-one.ts, the same code
// `npm run demo` prints; each test asserts one of its checks. Needs root, terraform on the PATH and
// the apt mirror through the fleet's proxy (about 15 minutes cold on 2 cores, the operations about
// 10 more; each hook allows 40).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  AllInOneRun,
  dayTwoAllInOne,
  deployAllInOne,
  destroyAllInOne,
  showLiveMigration,
} from "../../scripts/demo/all-in-one";
import { fleetDown } from "../../scripts/demo/flow";
import { instanceCloudFromAllInOne } from "./support/instance-cloud";
import { instanceOperationTests } from "./support/instance-operations-suite";
import { instanceResourceTests } from "./support/instance-resource-suite";

let run: AllInOneRun | undefined;
let destroyed = false;
const say = (l: string) => process.stderr.write(`[all-in-one] ${l}\n`);

/** Asserts the named check(s) ran and passed; a failed deploy is named in every message. */
const check = (name: string | RegExp) => {
  const checks = run?.report.checks ?? [];
  const found = checks.filter((c) => (typeof name === "string" ? c.name === name : name.test(c.name)));
  const deploy = checks.find((c) => c.name === "cdktf deploy succeeds");
  const why = deploy && !deploy.ok ? `; the deploy failed: ${deploy.detail}` : "";
  expect(found.length, `no check named ${String(name)} ran; checks: ${checks.map((c) => c.name).join("; ")}${why}`).toBeGreaterThan(0);
  for (const c of found) expect(c.ok, `${c.name}: ${c.detail}`).toBe(true);
};

const MINUTES = 60_000;

beforeAll(async () => {
  run = await deployAllInOne({ say });
}, 40 * MINUTES);

// Whatever failed on the way, the cloud and the hosts do not outlive the file.
afterAll(async () => {
  if (run?.deployed && !destroyed) await destroyAllInOne(run);
  else if (!destroyed) await fleetDown();
}, 15 * MINUTES);

describe("examples/all-in-one deployed on local test hosts", () => {
  test("given powered-off hosts, when cdktf deploy runs, then it succeeds", () => check("cdktf deploy succeeds"));
  test("given the deploy, when its state and outputs are read, then only their owner can read them", () => check("the state and outputs holding passwords are the owner's only"));
  test("given the deployed cloud, when nova's services are listed, then every nova-compute is up", () => check("every nova-compute is up"));
  test("given the deployed cloud, when hypervisors are listed, then each node reports its hypervisor type", () => check(/^hypervisor of /));
  test("given one image and flavor per hypervisor, when the deploy launches a server with each, then each is ACTIVE on its own node", () => {
    check("one server per hypervisor");
    check(/ is ACTIVE on /);
  });
  test("given the QEMU server, when its console log is read, then the guest printed its boot marker", () => check("the QEMU guest booted (console log)"));
  test("given the definition's VLAN network, when neutron lists it, then it has the defined physnet and segment", () => check(/^VLAN network /));
});

/** The deployed cloud as the instance suites' fixture (asked for in their first hook). */
const deployedCloud = () => {
  if (!run) throw new Error("the all-in-one deploy did not run");
  return instanceCloudFromAllInOne(run);
};

describe("instance operations on the deployed cloud", () => instanceOperationTests(deployedCloud));

describe("polyvisor_instance on the deployed cloud", () => instanceResourceTests(deployedCloud));

describe("day two on the deployed cloud, then destroy", () => {
  beforeAll(async () => {
    if (!run?.deployed) return;
    await dayTwoAllInOne(run);
    await showLiveMigration(run);
    destroyed = true;
    await destroyAllInOne(run);
  }, 40 * MINUTES);

  test("given no change, when cdktf deploy runs again, then it reports no changes", () => check("a second deploy reports no changes"));
  test("given no change, when cdktf deploy runs again, then no service restarts", () => check("a second deploy restarts nothing"));
  test("given a nova.conf change on one node, when deployed, then only that node has it and restarts", () => {
    check("the one-node change applies");
    check("only that node's nova-compute restarted");
    check("the change touched one resource");
  });
  test("given the deploy's QEMU server, when live-migrated through polyvisor, then it runs on the other QEMU node", () => check(/live-migrated /));
  test("given the deployed cloud, when cdktf destroy runs, then it succeeds and powers the hosts off", () => {
    check("cdktf destroy succeeds");
    check("destroy powered the hosts off through their BMCs");
  });
  test("given the destroyed cloud, when each host is powered on again, then no role service runs and no polyvisor config is left", () => check(/ is clean: /));
});
