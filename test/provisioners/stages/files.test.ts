// Atomic config file push on real lightweight hosts, including the connection dying mid-transfer.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { HostDefinition } from "../../../provisioners/ssh/host";
import { Logger, MemorySink } from "../../../provisioners/ssh/redact";
import { sleep } from "../../../provisioners/ssh/retry";
import { SshSession } from "../../../provisioners/ssh/session";
import { FileSpec, planFiles, pushFiles, restoreFiles } from "../../../provisioners/stages/files";
import { fleetDown, fleetUp, toHostDefinition } from "../fleet-hosts";

const GROUP = "pvfile";
let host: HostDefinition;
let session: SshSession;
const sink = new MemorySink();

beforeAll(async () => {
  host = toHostDefinition((await fleetUp(GROUP, 1))[0]);
  session = await SshSession.open(host, { logger: new Logger(sink) });
});
afterAll(async () => { session?.close(); await fleetDown(GROUP); });

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const sh = async (cmd: string) => (await session.run(cmd, { step: "test" })).stdout.trim();
const apply = async (files: FileSpec[], secrets = {}) => pushFiles(session, files, await planFiles(session, files, secrets), secrets);
const statOf = (path: string) => sh(`stat -c '%i %Y.%y %U:%G %a' ${path}`);

describe("atomic file push on a real host", () => {
  test("given a new file, when pushed, then it has the content, owner and mode asked for", async () => {
    const changes = await apply([{ path: "/etc/pvfile/a.conf", content: "a = 1\n", mode: "0600", owner: "root", group: "daemon" }]);
    expect(changes.map((c) => c.action)).toEqual(["create"]);
    expect(await sh("cat /etc/pvfile/a.conf")).toBe("a = 1");
    expect(await sh("stat -c '%U:%G %a' /etc/pvfile/a.conf")).toBe("root:daemon 600");
  });

  test("given the same file again, when applied, then nothing is written (same inode and mtime)", async () => {
    const before = await statOf("/etc/pvfile/a.conf");
    const plans = await planFiles(session, [{ path: "/etc/pvfile/a.conf", content: "a = 1\n", mode: "0600", group: "daemon" }]);
    expect(plans[0].action).toBe("unchanged");
    expect(await apply([{ path: "/etc/pvfile/a.conf", content: "a = 1\n", mode: "0600", group: "daemon" }])).toEqual([]);
    expect(await statOf("/etc/pvfile/a.conf")).toBe(before);
  });

  test("given a changed content, when pushed, then the previous version is kept for rollback and restore brings it back", async () => {
    const changes = await apply([{ path: "/etc/pvfile/a.conf", content: "a = 2\n", mode: "0600", group: "daemon" }]);
    expect(changes[0]).toMatchObject({ action: "update", existedBefore: true });
    expect(await sh("cat /etc/pvfile/a.conf.polyvisor-prev")).toBe("a = 1");
    await restoreFiles(session, changes);
    expect(await sh("cat /etc/pvfile/a.conf")).toBe("a = 1");
    expect(await sh("stat -c '%U:%G %a' /etc/pvfile/a.conf")).toBe("root:daemon 600");
  });

  test("given only the mode differs, when applied, then only the mode changes (same inode)", async () => {
    const inode = await sh("stat -c %i /etc/pvfile/a.conf");
    const changes = await apply([{ path: "/etc/pvfile/a.conf", content: "a = 1\n", mode: "0640", group: "daemon" }]);
    expect(changes.map((c) => c.action)).toEqual(["attributes"]);
    expect(await sh("stat -c '%i %a' /etc/pvfile/a.conf")).toBe(`${inode} 640`);
  });

  test("given a file with secrets, when pushed, then the host holds the values in a 0640 file and no log line holds them", async () => {
    const secret = "Zr7-very-secret-db-pw";
    await apply([{ path: "/etc/pvfile/db.conf", content: "[database]\nconnection = mysql://nova:${secret:db}@ctl/nova\n" }], { db: secret });
    expect(await sh("stat -c %a /etc/pvfile/db.conf")).toBe("640");
    expect(await sh("cat /etc/pvfile/db.conf")).toContain(`nova:${secret}@ctl`);
    expect(sink.records.length).toBeGreaterThan(0);
    expect(sink.text()).not.toContain(secret);
    await apply([{ path: "/etc/pvfile/db.conf", content: "[database]\nconnection = mysql://nova:${secret:db}@ctl/nova2\n" }], { db: secret });
    expect(await sh("stat -c %a /etc/pvfile/db.conf.polyvisor-prev")).toBe("640");
  });

  test("given a secret-bearing file asked world-readable, when planned, then SecretFileTooOpen names host and path and nothing is written", async () => {
    try {
      await apply([{ path: "/etc/pvfile/open.conf", content: "pw=${secret:db}\n", mode: "0644" }], { db: "x-secret-1" });
      expect.unreachable();
    } catch (err) {
      expect(isPolyvisorError(err, "SecretFileTooOpen")).toBe(true);
      expect((err as Error).message).toContain(`${host.name}:files:/etc/pvfile/open.conf`);
    }
    expect(await sh("test -e /etc/pvfile/open.conf && echo exists || echo absent")).toBe("absent");
  });

  test("given a group that does not exist on the host, when pushed, then FilePushFailed names the file and the old file is untouched", async () => {
    try {
      await apply([{ path: "/etc/pvfile/a.conf", content: "a = 3\n", group: "nosuchgroup" }]);
      expect.unreachable();
    } catch (err) {
      expect(isPolyvisorError(err, "FilePushFailed")).toBe(true);
      expect((err as Error).message).toContain(`${host.name}:files:/etc/pvfile/a.conf`);
    }
    expect(await sh("cat /etc/pvfile/a.conf")).toBe("a = 1");
    expect(await sh("ls -a /etc/pvfile | grep '^\\..*polyvisor-' || echo no-temp-files")).toBe("no-temp-files");
  });
});

// A large file so the transfer takes long enough to be cut.
const big = (tag: string) => `# ${tag}\n${"0123456789abcdef".repeat(4 << 20)}`;

async function waitForTempFile(observer: SshSession, dir: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const r = await observer.exec(`stat -c %s ${dir}/.big.conf.polyvisor-* 2>/dev/null | head -1`, { step: "observe" });
    if (Number(r.stdout.trim()) > 0) return;
    await sleep(20);
  }
  throw new Error("the push never started writing its temp file");
}

describe("a connection that dies in the middle of a file push", () => {
  const path = "/etc/pvfault/big.conf";
  const files = (tag: string): FileSpec[] => [{ path, content: big(tag) }];

  test.each([
    ["the client drops the TCP connection", "client"],
    ["the host's sshd session process is killed", "server"],
  ])("given %s mid-transfer, then the file is the old one or the new one, never partial, and the next apply converges", async (_, how) => {
    const observer = await SshSession.open(host);
    const killer = await SshSession.open(host);
    const pusher = await SshSession.open(host);
    try {
      await pushFiles(observer, files("old"), await planFiles(observer, files("old")));
      const oldSha = sha(big("old"));
      const newSha = sha(big(`new-${how}`));
      const shasSeen = new Set<string>();
      let pushing = true;
      // Server side: a loop on the host waits for the push's temp file to hold bytes, then kills the
      // sshd process serving the push (parent of the shell running the push script, found by its
      // command line; the pattern `big[.]conf` does not match this loop's own command line).
      const killed = how === "server" ? killer.run([
        "i=0; shell=",
        "while [ $i -lt 3000 ]; do",
        "  for p in /proc/[0-9]*; do grep -q 'f=/etc/pvfault/big[.]conf' $p/cmdline 2>/dev/null && shell=${p#/proc/}; done",
        "  size=$(stat -c %s /etc/pvfault/.big.conf.polyvisor-* 2>/dev/null | head -1)",
        "  [ -n \"$shell\" ] && [ \"${size:-0}\" -gt 0 ] && break",
        "  i=$((i+1)); shell=; sleep 0.005",
        "done",
        "sshd=$(awk '{print $4}' /proc/$shell/stat)",
        "grep -q sshd /proc/$sshd/comm && kill -9 $sshd && echo \"killed sshd $sshd at $size bytes\"",
      ].join("\n"), { step: "kill-sshd-session" }) : undefined;
      const push = pushFiles(pusher, files(`new-${how}`), await planFiles(pusher, files(`new-${how}`)))
        .then(() => "completed", (err: unknown) => (isPolyvisorError(err) ? err.code : String(err)))
        .finally(() => { pushing = false; });
      const watch = (async () => {
        while (pushing) shasSeen.add((await observer.run(`sha256sum < ${path} | cut -d' ' -f1`, { step: "observe" })).stdout.trim());
      })();
      if (how === "client") {
        await waitForTempFile(observer, "/etc/pvfault");
        pusher.destroyTransport();
      } else {
        expect((await killed)?.stdout).toMatch(/^killed sshd \d+ at \d+ bytes/);
      }
      const outcome = await push;
      await watch;
      expect(["SshConnectionLost", "FilePushFailed"]).toContain(outcome);
      // Cut before the rename: old. Cut after the host had every byte: the script may still finish
      // the rename: new. Never anything else, at any moment.
      for (const seen of shasSeen) expect([oldSha, newSha]).toContain(seen);
      expect([oldSha, newSha]).toContain((await observer.run(`sha256sum < ${path} | cut -d' ' -f1`, { step: "t" })).stdout.trim());

      await pushFiles(observer, files(`new-${how}`), await planFiles(observer, files(`new-${how}`)));
      expect((await planFiles(observer, files(`new-${how}`)))[0].action).toBe("unchanged");
      expect((await observer.run(`sha256sum < ${path} | cut -d' ' -f1`, { step: "t" })).stdout.trim()).toBe(newSha);
      expect((await observer.run(`ls -a /etc/pvfault`, { step: "t" })).stdout.split("\n").filter((n) => n.includes(".polyvisor-") && n.startsWith("."))).toEqual([]);
    } finally {
      observer.close();
      killer.close();
      pusher.close();
    }
  });
});
