import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { fingerprint, keyLine, knownHostsPattern, lookupKnownHost, parsePublicKey, recordKnownHost } from "../../../provisioners/ssh/host-key";

const dir = mkdtempSync(join(tmpdir(), "pv-hostkey-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generateKey(name: string): string {
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "test@example", "-f", join(dir, name)]);
  return readFileSync(join(dir, `${name}.pub`), "utf8").trim();
}

describe("host key pinning", () => {
  test("given a real ed25519 public key, when fingerprinted, then it matches ssh-keygen -l", () => {
    const line = generateKey("a");
    const expected = execFileSync("ssh-keygen", ["-l", "-f", join(dir, "a.pub")], { encoding: "utf8" }).split(" ")[1];
    expect(fingerprint(parsePublicKey(line, "h.ssh_host_key").blob)).toBe(expected);
  });

  test("given a known_hosts line, when parsed, then the host field is skipped", () => {
    const line = generateKey("b");
    const fromKnownHosts = parsePublicKey(`10.0.0.1,myhost ${line}`, "h");
    expect(fromKnownHosts.algorithm).toBe("ssh-ed25519");
    expect(fromKnownHosts.blob.equals(parsePublicKey(line, "h").blob)).toBe(true);
  });

  test.each(["", "not a key", "ssh-ed25519", "ssh-ed25519 !!!notbase64"])("given %j, when parsed, then HostKeyInvalid names the attribute", (line) => {
    try {
      parsePublicKey(line, "node1.ssh_host_key");
      expect.unreachable("parsing should fail");
    } catch (err) {
      expect(isPolyvisorError(err, "HostKeyInvalid")).toBe(true);
      expect((err as Error).message).toContain("node1.ssh_host_key");
    }
  });

  test("given a key blob, when rendered as a key line, then the line parses back to the same blob", () => {
    const key = parsePublicKey(generateKey("c"), "h");
    expect(keyLine(key.blob)).toMatch(/^ssh-ed25519 AAAA/);
    expect(parsePublicKey(keyLine(key.blob), "h").blob.equals(key.blob)).toBe(true);
  });

  test.each([["10.0.0.5", 22, "10.0.0.5"], ["10.0.0.5", 2222, "[10.0.0.5]:2222"]])("given %s port %i, then the known_hosts pattern is %s", (addr, port, pattern) => {
    expect(knownHostsPattern(addr, port)).toBe(pattern);
  });

  test("given a key recorded on first use, when looked up, then it is found for that address and port only, in a 0600 file", () => {
    const key = parsePublicKey(generateKey("d"), "h");
    const path = join(dir, "state", "known_hosts");
    recordKnownHost(path, "10.213.0.9", 2222, key.blob);
    expect(lookupKnownHost(path, "10.213.0.9", 2222)?.blob.equals(key.blob)).toBe(true);
    expect(lookupKnownHost(path, "10.213.0.9", 22)).toBeUndefined();
    expect(execFileSync("stat", ["-c", "%a", path], { encoding: "utf8" }).trim()).toBe("600");
  });
});
