// A private PostgreSQL instance for remote-state tests: its own data directory in a temp dir, a
// loopback port, run as an unprivileged user (postgres refuses root), trust auth on loopback only
// (no password to leak), stopped by the PID it wrote. Binaries: scripts/setup-postgres.sh.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const BIN_DIRS = ["/usr/local/bin", ...(fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`) : [])];

function pgBin(name: string): string {
  for (const dir of BIN_DIRS) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new Error(`PostgreSQL's ${name} not found in ${BIN_DIRS.join(", ")}: run scripts/setup-postgres.sh`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  readonly connStr: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const RUN_AS = "nobody";

export async function startPostgres(): Promise<PrivatePostgres> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "polyvisor-pg-"));
  const data = path.join(base, "data");
  const asUser = (cmd: string, args: string[]) =>
    process.getuid?.() === 0 ? execFileSync("runuser", ["-u", RUN_AS, "--", cmd, ...args], { stdio: "pipe" }) : execFileSync(cmd, args, { stdio: "pipe" });
  if (process.getuid?.() === 0) execFileSync("chown", [RUN_AS, base]);
  fs.chmodSync(base, 0o700);
  asUser(pgBin("initdb"), ["-D", data, "-U", "polyvisor", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  asUser(pgBin("pg_ctl"), ["-D", data, "-l", path.join(base, "postgres.log"), "-w", "-o", `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  const pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    connStr: `postgres://polyvisor@127.0.0.1:${port}/postgres?sslmode=disable`,
    pid,
    async stop() {
      try {
        process.kill(pid, "SIGINT"); // fast shutdown
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
