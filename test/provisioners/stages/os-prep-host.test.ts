// OS preparation on a real lightweight host (own UTS and network namespaces: hostname and net.*
// kernel parameters are the host's own).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HostDefinition } from "../../../provisioners/ssh/host";
import { SshSession } from "../../../provisioners/ssh/session";
import { OsSpec, planOs, prepareOs } from "../../../provisioners/stages/os-prep";
import { fleetDown, fleetUp, toHostDefinition } from "../fleet-hosts";

const GROUP = "pvos";
let host: HostDefinition;
let session: SshSession;

beforeAll(async () => {
  host = toHostDefinition((await fleetUp(GROUP, 1))[0]);
  session = await SshSession.open(host);
});
afterAll(async () => { session?.close(); await fleetDown(GROUP); });

const sh = async (cmd: string) => (await session.run(cmd, { step: "test" })).stdout.trim();
const spec = (rpFilter: number): OsSpec => ({
  hostname: "pv-renamed",
  extraHosts: { controller: "10.213.0.250", "db.internal": "10.213.0.251" },
  apt: { proxy: "http://10.213.0.1:3142" },
  timeServers: ["10.213.0.1"],
  sysctl: { "net.ipv4.conf.all.rp_filter": rpFilter, "net.ipv4.conf.default.rp_filter": rpFilter },
});

describe("OS preparation on a real host", () => {
  test("given a fresh host, when prepared, then hostname, hosts entries, apt proxy, time sync and kernel parameters are set", async () => {
    const done = await prepareOs(session, spec(2));
    expect(done).toEqual(expect.arrayContaining(["set hostname pv-renamed", "wrote /etc/hosts", "wrote /etc/apt/apt.conf.d/90polyvisor-proxy"]));
    expect(await sh("hostname; cat /etc/hostname")).toBe("pv-renamed\npv-renamed");
    expect(await sh("grep -E 'controller|db.internal' /etc/hosts")).toBe("10.213.0.250\tcontroller\n10.213.0.251\tdb.internal");
    expect(await sh("grep -c localhost /etc/hosts")).not.toBe("0");
    expect(await sh("sysctl -n net.ipv4.conf.all.rp_filter net.ipv4.conf.default.rp_filter")).toBe("2\n2");
    expect(await sh("cat /etc/systemd/timesyncd.conf.d/polyvisor.conf")).toContain("NTP=10.213.0.1");
  });

  test("given the same spec, when prepared again, then nothing changes and no file is rewritten", async () => {
    const before = await sh("stat -c '%i %Y' /etc/hosts /etc/hostname /etc/sysctl.d/90-polyvisor.conf");
    expect((await planOs(session, spec(2))).every((f) => f.action === "unchanged")).toBe(true);
    expect(await prepareOs(session, spec(2))).toEqual([]);
    expect(await sh("stat -c '%i %Y' /etc/hosts /etc/hostname /etc/sysctl.d/90-polyvisor.conf")).toBe(before);
  });

  test("given a kernel parameter changed by hand (drift), when prepared, then the running value is set back without rewriting the file", async () => {
    await sh("sysctl -w net.ipv4.conf.all.rp_filter=0");
    const before = await sh("stat -c '%i %Y' /etc/sysctl.d/90-polyvisor.conf");
    expect(await prepareOs(session, spec(2))).toEqual(["set net.ipv4.conf.all.rp_filter"]);
    expect(await sh("sysctl -n net.ipv4.conf.all.rp_filter")).toBe("2");
    expect(await sh("stat -c '%i %Y' /etc/sysctl.d/90-polyvisor.conf")).toBe(before);
  });
});
