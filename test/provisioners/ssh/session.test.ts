// SSH transport against real lightweight test hosts (network namespaces with their own sshd).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { HostDefinition } from "../../../provisioners/ssh/host";
import { fingerprint, parsePublicKey } from "../../../provisioners/ssh/host-key";
import { SshPool } from "../../../provisioners/ssh/pool";
import { Logger, MemorySink } from "../../../provisioners/ssh/redact";
import { SshSession } from "../../../provisioners/ssh/session";
import { fleetDown, fleetUp, toHostDefinition } from "../fleet-hosts";

const GROUP = "pvssh";
let hosts: HostDefinition[] = [];
const scratch = mkdtempSync(join(tmpdir(), "pv-ssh-"));
const otherKey = join(scratch, "other");
execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);

beforeAll(async () => { hosts = (await fleetUp(GROUP, 2)).map(toHostDefinition); });
afterAll(async () => { await fleetDown(GROUP); rmSync(scratch, { recursive: true, force: true }); });

async function expectRefusal(promise: Promise<unknown>, code: string): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    expect(isPolyvisorError(err, code), `expected ${code}, got ${String(err)}`).toBe(true);
    return err as Error;
  }
  throw new Error(`expected a ${code} refusal, but the call succeeded`);
}

describe("SSH transport on real hosts", () => {
  test("given the pinned host key, when a command runs, then exit code, stdout and stderr come back", async () => {
    const session = await SshSession.open(hosts[0]);
    try {
      const r = await session.exec("hostname; echo oops >&2; exit 7", { step: "test" });
      expect(r).toEqual({ code: 7, stdout: `${hosts[0].name}\n`, stderr: "oops\n" });
      expect(session.hostKeyFingerprint).toBe(fingerprint(parsePublicKey(hosts[0].sshHostKey!, "k").blob));
    } finally {
      session.close();
    }
  });

  test("given another host's key pinned, when connecting, then HostKeyMismatch names host, expected and seen fingerprints", async () => {
    const wrong = { ...hosts[0], sshHostKey: hosts[1].sshHostKey };
    const err = await expectRefusal(SshSession.open(wrong), "HostKeyMismatch");
    expect(err.message).toContain(`${hosts[0].name}:ssh-connect`);
    expect(err.message).toContain(fingerprint(parsePublicKey(hosts[1].sshHostKey!, "k").blob));
    expect(err.message).toContain(fingerprint(parsePublicKey(hosts[0].sshHostKey!, "k").blob));
  });

  test("given no pinned key and trust on first use off, when connecting, then HostKeyUnknown refuses", async () => {
    const err = await expectRefusal(SshSession.open({ ...hosts[0], sshHostKey: undefined }), "HostKeyUnknown");
    expect(err.message).toMatch(/ssh_trust_on_first_use/);
  });

  test("given trust on first use, when connecting twice, then the key is recorded and pinned from then on", async () => {
    const knownHosts = join(scratch, "known_hosts");
    const tofu = { ...hosts[1], sshHostKey: undefined, sshTrustOnFirstUse: true };
    (await SshSession.open(tofu, { knownHostsPath: knownHosts })).close();
    expect(readFileSync(knownHosts, "utf8")).toContain(hosts[1].sshHostKey!.split(" ")[1]);
    // Same address, the recorded key now pinned: a session with TOFU off still connects.
    (await SshSession.open({ ...tofu, sshTrustOnFirstUse: false }, { knownHostsPath: knownHosts })).close();
  });

  test("given a key the host does not accept, when connecting, then SshAuthFailed comes after one attempt", async () => {
    const started = Date.now();
    const err = await expectRefusal(SshSession.open({ ...hosts[0], sshPrivateKeyPath: otherKey }, { retry: { attempts: 5, initialDelayMs: 2000 } }), "SshAuthFailed");
    expect(err.message).toContain(hosts[0].name);
    expect(Date.now() - started).toBeLessThan(2000); // no backoff wait happened: not retried
  });

  test("given a port nothing listens on, when connecting, then SshUnreachable after the retries", async () => {
    const sink = new MemorySink();
    const err = await expectRefusal(SshSession.open({ ...hosts[0], sshPort: 2 }, { retry: { attempts: 3, initialDelayMs: 10 }, logger: new Logger(sink) }), "SshUnreachable");
    expect(err.message).toContain(`${hosts[0].name}:ssh-connect`);
    expect(sink.records.filter((r) => /attempt/.test(r.message)).map((r) => r.message)).toEqual(["ssh connect attempt 2", "ssh connect attempt 3"]);
  });

  test("given a pool, when the same host is asked twice, then the connection is reused; after it dies, a new one is opened", async () => {
    const pool = new SshPool();
    try {
      const a = await pool.get(hosts[0]);
      const b = await pool.get(hosts[0]);
      expect(b).toBe(a);
      const pidA = (await a.run("echo $PPID", { step: "t" })).stdout;
      a.destroyTransport();
      const c = await pool.get(hosts[0]);
      expect(c).not.toBe(a);
      expect((await c.run("echo ok", { step: "t" })).stdout).toBe("ok\n");
      expect(pidA).toMatch(/^\d+\n$/);
      await expectRefusal(a.exec("true", { step: "after-death" }), "SshConnectionLost");
    } finally {
      await pool.closeAll();
    }
  });

  test("given a command slower than its timeout, when run, then CommandTimeout names host and step and the session stays usable", async () => {
    const session = await SshSession.open(hosts[0]);
    try {
      const err = await expectRefusal(session.exec("sleep 30", { step: "slow-step", timeoutMs: 500 }), "CommandTimeout");
      expect(err.message).toContain(`${hosts[0].name}:slow-step`);
      expect((await session.run("echo still-here", { step: "t" })).stdout).toBe("still-here\n");
    } finally {
      session.close();
    }
  });

  test("given a failing command, when run strictly, then CommandFailed carries host, step, status and stderr with secrets masked", async () => {
    const sink = new MemorySink();
    const logger = new Logger(sink);
    logger.redactor.add("pw-abc-123");
    const session = await SshSession.open(hosts[0], { logger });
    try {
      const err = await expectRefusal(session.run("echo 'bad password pw-abc-123' >&2; exit 4", { step: "login" }), "CommandFailed");
      expect(err.message).toContain(`${hosts[0].name}:login`);
      expect(err.message).toContain("status 4");
      expect(err.message).not.toContain("pw-abc-123");
    } finally {
      session.close();
    }
  });
});
