import { describe, expect, test } from "vitest";
import { OS_FILES, osFiles, renderHostsFile, renderSysctl } from "../../../provisioners/stages/os-prep";
import { hasCandidate } from "../../../provisioners/stages/packages";

const facts = { hosts: "127.0.0.1\tlocalhost\n", hostname: "old", codename: "bookworm", systemd: false };

describe("OS preparation rendering", () => {
  test("given extra hosts, when rendered twice, then the block is replaced, not duplicated, and other lines stay", () => {
    const once = renderHostsFile("127.0.0.1\tlocalhost\n::1\tlocalhost\n", { ctl: "10.0.0.2", db: "10.0.0.3" });
    const twice = renderHostsFile(once, { ctl: "10.0.0.2", db: "10.0.0.3" });
    expect(twice).toBe(once);
    expect(once).toBe("127.0.0.1\tlocalhost\n::1\tlocalhost\n# BEGIN polyvisor managed hosts\n10.0.0.2\tctl\n10.0.0.3\tdb\n# END polyvisor managed hosts\n");
    expect(renderHostsFile(once, {})).toBe("127.0.0.1\tlocalhost\n::1\tlocalhost\n");
  });

  test("given sysctl parameters, then the file is sorted and deterministic", () => {
    expect(renderSysctl({ "vm.swappiness": 10, "net.ipv4.ip_forward": "1" }, "h")).toBe("# Managed by polyvisor.\nnet.ipv4.ip_forward = 1\nvm.swappiness = 10\n");
  });

  test.each(["net ipv4", "ip_forward", "net.ipv4.ip_forward;reboot"])("given sysctl key %j, then it is refused naming the host", (key) => {
    expect(() => renderSysctl({ [key]: 1 }, "node1:os:sysctl")).toThrow(/SysctlKeyInvalid.*node1:os:sysctl/);
  });

  test("given a full OS spec, then each concern maps to its own file", () => {
    const files = osFiles({ hostname: "node1", extraHosts: { ctl: "10.0.0.2" }, apt: { mirror: "http://mirror.invalid/debian", proxy: "http://10.213.0.1:8888" }, timeServers: ["10.213.0.1"], sysctl: { "net.ipv4.ip_forward": 1 } }, facts, "node1");
    expect(files.map((f) => f.path)).toEqual([OS_FILES.hostname, OS_FILES.hosts, OS_FILES.aptSources, OS_FILES.aptProxy, OS_FILES.timesync, OS_FILES.sysctl]);
    expect(files[2].content).toContain("Suites: bookworm bookworm-updates");
    expect(files[3].content).toContain('Acquire::http::Proxy "http://10.213.0.1:8888";');
  });

  test.each(["-bad", "under_score", "a..b", ""])("given hostname %j, then HostnameInvalid", (name) => {
    expect(() => osFiles({ hostname: name }, facts, "node1")).toThrow(/HostnameInvalid/);
  });
});

describe("apt candidates", () => {
  const policy = "bash:\n  Installed: 5.2.15-2+b7\n  Candidate: 5.2.15-2+b7\n  Version table:\nghostpkg:\n  Installed: (none)\n  Candidate: (none)\n";
  test.each([["bash", true], ["ghostpkg", false], ["absent", false]])("given apt-cache policy output, then %s has a candidate: %s", (pkg, expected) => {
    expect(hasCandidate(policy, pkg)).toBe(expected);
  });
});
