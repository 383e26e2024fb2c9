// Per-operation latency on a real cloud: polyvisor's call path (in-process library, and the
// `polyvisor instance` CLI as a process) side by side with the `openstack` CLI doing the same action
// on the same server. Every column ends at the same point: the server reached the operation's final
// state, polled through the same REST client at the same interval (the openstack CLI's own action
// commands do not all wait, so its column is "command + wait for the final state").
//
//   OS_* set (or --cloud-outputs FILE), then:
//   node dist/bench/operations.js [--server NAME | --image IMG --flavor FLV [--network ID]]
//        [--ops reboot,stop,start,...] [--repeat N] [--target-host HOST] [--json FILE]
//   (snapshot images made by the runs are deleted at the end; a launched server is terminated)
//
// With no cloud reachable it says so and exits 0 without figures.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { OpenStackCloud, credentialsFromEnvironment, credentialsFromStackOutputs, type OpenStackCredentials, type Server } from "../provisioners/openstack";
import { InstanceOperations, operationSpec, waitUntil, type OperationName, type OperationOptions } from "../provisioners/operations";

const POLL_MS = 500;

/** How the openstack CLI does each operation, and which nova status ends it. */
const OPENSTACK_CLI: {
  readonly [op: string]: { readonly argv: (server: string, o: BenchArgs) => string[]; readonly until: Server["status"]; readonly printsImageId?: true };
} = {
  snapshot: { argv: (s) => ["server", "image", "create", "--wait", "-f", "value", "-c", "id", "--name", `bench-osc-${Date.now()}`, s], until: "ACTIVE", printsImageId: true },
  reboot: { argv: (s) => ["server", "reboot", "--soft", s], until: "ACTIVE" },
  stop: { argv: (s) => ["server", "stop", s], until: "SHUTOFF" },
  start: { argv: (s) => ["server", "start", s], until: "ACTIVE" },
  pause: { argv: (s) => ["server", "pause", s], until: "PAUSED" },
  unpause: { argv: (s) => ["server", "unpause", s], until: "ACTIVE" },
  suspend: { argv: (s) => ["server", "suspend", s], until: "SUSPENDED" },
  resume: { argv: (s) => ["server", "resume", s], until: "ACTIVE" },
  rescue: { argv: (s) => ["server", "rescue", s], until: "RESCUE" },
  unrescue: { argv: (s) => ["server", "unrescue", s], until: "ACTIVE" },
  "console-log": { argv: (s) => ["console", "log", "show", "--lines", "20", s], until: "ACTIVE" },
  "live-migrate": {
    argv: (s, o) => ["--os-compute-api-version", "2.60", "server", "migrate", "--live-migration", ...(o.targetHost ? ["--host", o.targetHost] : []), s],
    until: "ACTIVE",
  },
};

/** The state each column must start from (the others start ACTIVE); reached untimed before each. */
const STARTS_FROM: { readonly [op: string]: "shutoff" | "paused" | "suspended" | "rescued" } = {
  start: "shutoff",
  unpause: "paused",
  resume: "suspended",
  unrescue: "rescued",
};

/** The default operations, in an order that keeps preparation short. */
const DEFAULT_OPS: readonly OperationName[] = ["console-log", "snapshot", "reboot", "stop", "start", "pause", "unpause", "suspend", "resume", "rescue", "unrescue", "live-migrate"];

interface BenchArgs {
  server?: string;
  image?: string;
  flavor?: string;
  network?: string;
  ops: OperationName[];
  repeat: number;
  targetHost?: string;
  json?: string;
  cloudOutputs?: string;
}

interface Row {
  operation: string;
  polyvisorLibraryMs: number[];
  polyvisorCliMs: number[];
  openstackCliMs: number[];
  notes: string[];
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let credentials: OpenStackCredentials;
  let release: string | undefined;
  try {
    if (args.cloudOutputs) {
      const outputs = credentialsFromStackOutputs(args.cloudOutputs);
      credentials = outputs.credentials;
      release = outputs.facts.release;
    } else {
      credentials = credentialsFromEnvironment();
    }
  } catch (err) {
    return noCloud((err as Error).message);
  }
  const cloud = new OpenStackCloud(credentials);
  try {
    await cloud.session.token();
  } catch (err) {
    return noCloud((err as Error).message);
  }
  const ops = new InstanceOperations(cloud, { release, pollIntervalMs: POLL_MS });
  const created = !args.server;
  const serverName = args.server ?? `polyvisor-bench-${Date.now()}`;
  if (created) {
    if (!args.image || !args.flavor) return fail("pass --server NAME, or --image and --flavor to launch one");
    const launched = await ops.run("launch", serverName, { image: args.image, flavor: args.flavor, networks: args.network ? [args.network] : undefined });
    console.log(`launched ${serverName} (${launched.server.id}) on ${launched.host} in ${launched.elapsedMs} ms`);
  }
  const server = await cloud.servers.find(serverName);
  const cliScript = join(__dirname, "..", "provisioners", "cli", "instance.js");
  const openstack = findOpenstackCli();
  const rows: Row[] = [];
  /** Images the snapshot runs created, deleted at the end. */
  const snapshots: string[] = [];
  try {
    for (const op of args.ops) {
      const row: Row = { operation: op, polyvisorLibraryMs: [], polyvisorCliMs: [], openstackCliMs: [], notes: [] };
      rows.push(row);
      const options: OperationOptions = op === "live-migrate" ? { host: args.targetHost } : {};
      // One failing column is noted and the others still run.
      const measure = async (into: number[], label: string, work: () => Promise<unknown>) => {
        await prepare(ops, cloud, server.id, op);
        try {
          into.push(await timed(work));
        } catch (err) {
          row.notes.push(`${label} failed: ${(err as Error).message.split("\n")[0].slice(0, 200)}`);
        }
      };
      const spec = OPENSTACK_CLI[op];
      // A named target host only works for the first move: later runs would start on it.
      const extra = op === "live-migrate" && args.targetHost ? ["--host", args.targetHost] : [];
      for (let i = 0; i < args.repeat; i++) {
        await measure(row.polyvisorLibraryMs, "polyvisor lib", async () => {
          const result = await ops.run(op, server.id, options);
          if (result.imageId) snapshots.push(result.imageId);
        });
        if (existsSync(cliScript)) {
          await measure(row.polyvisorCliMs, "polyvisor CLI", async () => {
            const out = await exec(process.execPath, [cliScript, op, server.id, "--json", ...extra]);
            snapshots.push(...imageIdsIn(out));
          });
        } else if (i === 0) row.notes.push("polyvisor CLI: dist/ not built");
        if (openstack && spec) {
          await measure(row.openstackCliMs, "openstack CLI", async () => {
            const out = await exec(openstack[0], [...openstack.slice(1), ...spec.argv(server.id, args)]);
            if (spec.printsImageId) snapshots.push(out.trim());
            await waitForStatus(cloud, server.id, spec.until);
          });
        } else if (i === 0) row.notes.push(openstack ? "no openstack CLI equivalent" : "openstack CLI not installed");
      }
      console.log(format(row));
    }
  } finally {
    for (const id of snapshots.filter(Boolean)) await cloud.images.delete(id).catch((e: Error) => console.error(`cleanup image ${id}: ${e.message}`));
    if (created) await ops.run("terminate", server.id).catch((e: Error) => console.error(`cleanup: ${e.message}`));
  }
  console.log("\n" + table(rows));
  if (args.json) {
    mkdirSync(dirname(args.json), { recursive: true });
    writeFileSync(args.json, JSON.stringify({ server: server.id, pollMs: POLL_MS, rows }, null, 2));
  }
  return 0;
}

/** Brings the server, untimed, to the state the operation starts from. */
async function prepare(ops: InstanceOperations, cloud: OpenStackCloud, id: string, op: OperationName): Promise<void> {
  await settle(cloud, id);
  const from = STARTS_FROM[op] ?? "active";
  if (from !== "rescued") {
    await ops.convergePowerState(id, from);
    return;
  }
  if ((await cloud.servers.get(id)).status === "RESCUE") return;
  await ops.convergePowerState(id, "active");
  await ops.run("rescue", id);
}

function noCloud(reason: string): number {
  console.log("bench/operations: NO CLOUD REACHABLE - no figures measured.");
  console.log(`  reason: ${reason}`);
  console.log("  set OS_AUTH_URL/OS_USERNAME/OS_PASSWORD/OS_PROJECT_NAME (or --cloud-outputs FILE) for a running cloud.");
  return 0;
}

function fail(message: string): number {
  console.error(`bench/operations: ${message}`);
  return 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await work();
  return Number((process.hrtime.bigint() - t0) / 1_000_000n);
}

/** Waits until the server is not in a task (so every column starts from rest). */
async function settle(cloud: OpenStackCloud, id: string): Promise<void> {
  await waitUntil(
    async () => {
      const s = await cloud.servers.get(id);
      return { settled: s["OS-EXT-STS:task_state"] ? "pending" : "done", description: s.status };
    },
    { timeoutMs: 600_000, intervalMs: POLL_MS, what: "settle", where: id },
  );
}

async function waitForStatus(cloud: OpenStackCloud, id: string, status: Server["status"]): Promise<void> {
  await waitUntil(
    async () => {
      const s = await cloud.servers.get(id);
      if (s.status === "ERROR") return { settled: { failed: "ERROR" }, description: s.status };
      return { settled: s.status === status && !s["OS-EXT-STS:task_state"] ? "done" : "pending", description: s.status };
    },
    { timeoutMs: 900_000, intervalMs: POLL_MS, what: `openstack CLI until ${status}`, where: id },
  );
}

/** Runs a command; resolves with its stdout. */
function exec(cmd: string, argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, POLYVISOR_POLL_MS: String(POLL_MS) } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${argv.join(" ")} exited ${code}: ${err.trim().slice(0, 400)}`))));
  });
}

function imageIdsIn(jsonOutput: string): string[] {
  try {
    const id = (JSON.parse(jsonOutput) as { imageId?: string }).imageId;
    return id ? [id] : [];
  } catch {
    return [];
  }
}

/** The openstack CLI through Debian's python (another python3 may come first on PATH). */
function findOpenstackCli(): string[] | undefined {
  for (const path of ["/usr/bin/openstack"]) if (existsSync(path)) return existsSync("/usr/bin/python3") ? ["/usr/bin/python3", path] : [path];
  return undefined;
}

function median(xs: number[]): string {
  if (xs.length === 0) return "-";
  const s = [...xs].sort((a, b) => a - b);
  return String(s[Math.floor(s.length / 2)]);
}

function format(r: Row): string {
  return `${r.operation}: polyvisor lib ${median(r.polyvisorLibraryMs)} ms, polyvisor CLI ${median(r.polyvisorCliMs)} ms, openstack CLI ${median(r.openstackCliMs)} ms${r.notes.length ? ` (${[...new Set(r.notes)].join("; ")})` : ""}`;
}

function table(rows: Row[]): string {
  const head = ["operation", "polyvisor lib ms", "polyvisor CLI ms", "openstack CLI ms"];
  const body = rows.map((r) => [r.operation, median(r.polyvisorLibraryMs), median(r.polyvisorCliMs), median(r.openstackCliMs)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  return [line(head), ...body.map(line), `(median of runs; each ends when the server reached the final state, polled every ${POLL_MS} ms)`].join("\n");
}

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { ops: [...DEFAULT_OPS], repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    i++;
    if (flag === "--server") args.server = value;
    else if (flag === "--image") args.image = value;
    else if (flag === "--flavor") args.flavor = value;
    else if (flag === "--network") args.network = value;
    else if (flag === "--repeat") args.repeat = Math.max(1, Number(value));
    else if (flag === "--target-host") args.targetHost = value;
    else if (flag === "--json") args.json = value;
    else if (flag === "--cloud-outputs") args.cloudOutputs = value;
    else if (flag === "--ops") args.ops = value.split(",").map((op) => operationSpec(op).name);
    else throw new Error(`unknown flag ${flag}`);
  }
  return args;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`bench/operations: ${err.message}`);
    process.exit(1);
  },
);
