import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../provisioners/errors";
import { byName, newCloud, synth, synthError, tofu } from "./private/cloud-fixture";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC6bS5hmuVqM3VxkF7o3pGz2JmVt8n0i4bG8xYv2Zk3T root@node";

describe("Host", () => {
  test("given a host with a pinned key and a BMC, when synthesized, then the key is pinned and the BMC password is a sensitive variable", () => {
    const cloud = newCloud();
    cloud.addHost("bm", {
      name: "bm-1", address: "192.0.2.99", sshHostKey: KEY, sshPrivateKeyPath: "/keys/id",
      bmc: { type: "ipmi", address: "127.0.0.1", port: 9001, username: "admin", passwordVariable: "bmc_password" },
    });
    const json = synth(cloud);
    const host = byName(json, "polyvisor_host", "bm-1");
    expect(host).toMatchObject({ address: "192.0.2.99", ssh_host_key: KEY, ssh_private_key_path: "/keys/id" });
    expect(host.bmc).toMatchObject({ type: "ipmi", address: "127.0.0.1", port: 9001, username: "admin", password: "${var.bmc_password}" });
    expect(json.variable?.bmc_password).toMatchObject({ sensitive: true, type: "string" });
  });

  test("given a BMC password file, when synthesized, then terraform reads the file at plan time and no password is in the JSON", () => {
    const cloud = newCloud();
    cloud.addHost("bm", tofu({ name: "bm-1", address: "192.0.2.99", bmc: { type: "ipmi", address: "127.0.0.1", username: "admin", passwordFile: "/run/bmc/pass" } }));
    const json = synth(cloud);
    expect((byName(json, "polyvisor_host", "bm-1").bmc as Record<string, unknown>).password).toBe('${trimspace(file("/run/bmc/pass"))}');
    expect(json.variable).toBeUndefined();
  });

  test("given a BMC with no password source, when the host is created, then BmcPasswordSource is thrown", () => {
    const cloud = newCloud();
    expect(() => cloud.addHost("bm", tofu({ name: "bm", address: "192.0.2.98", bmc: { type: "ipmi", address: "127.0.0.1", username: "admin" } }))).toThrow(
      /\[BmcPasswordSource\] cloud\/Hosts\/bm \(prop bmc\): the BMC password needs exactly one source/,
    );
  });

  test("given a host with neither a pinned key nor trust on first use, when created, then HostKeyNotPinned is thrown", () => {
    const cloud = newCloud();
    expect(() => cloud.addHost("h", { name: "h", address: "192.0.2.97" })).toThrow(
      /\[HostKeyNotPinned\] cloud\/Hosts\/h \(prop sshHostKey\): the host's SSH key is neither pinned nor explicitly trusted on first use/,
    );
  });

  test("given a malformed host key, when the host is created, then InvalidSshHostKey is thrown", () => {
    const cloud = newCloud();
    let err: unknown;
    try {
      cloud.addHost("h", { name: "h", address: "192.0.2.98", sshHostKey: "not-a-key" });
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "InvalidSshHostKey")).toBe(true);
    expect((err as Error).message).toContain("cloud/Hosts/h (prop sshHostKey)");
  });

  test("given two hosts with one name, when synthesized, then DuplicateHostName names both paths", () => {
    const cloud = newCloud();
    cloud.addHost("a", tofu({ name: "twin", address: "192.0.2.50" }));
    cloud.addHost("b", tofu({ name: "twin", address: "192.0.2.51" }));
    expect(synthError(cloud)).toContain(
      '[DuplicateHostName] cloud (prop hosts.name): hosts cloud/Hosts/a and cloud/Hosts/b have the same name (got "twin")',
    );
  });

  test("given two hosts with one address, when synthesized, then DuplicateHostAddress is reported", () => {
    const cloud = newCloud();
    cloud.addHost("a", tofu({ name: "a", address: "192.0.2.50" }));
    cloud.addHost("b", tofu({ name: "b", address: "192.0.2.50" }));
    expect(synthError(cloud)).toContain('[DuplicateHostAddress] cloud (prop hosts.address): hosts cloud/Hosts/a and cloud/Hosts/b have the same address (got "192.0.2.50")');
  });
});
