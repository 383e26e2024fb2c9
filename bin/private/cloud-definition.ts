// Reads a cloud definition the way `cdktf synth` produces it: runs the app into a temporary
// directory (or reads an existing synth output) and collects what the CLI needs from the
// Terraform JSON: the target release and the hypervisor drivers of its compute nodes.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DRIVER_IDS, DriverId, isDriverId } from "../../provisioners/drivers/driver";
import { Release, assertRelease } from "../../provisioners/drivers/release";
import { PolyvisorError } from "../../provisioners/errors";

export interface CloudSummary {
  /** Where the definition came from (for messages). */
  readonly source: string;
  readonly stacks: readonly string[];
  readonly release: Release;
  /** Drivers of the compute nodes, in the driver layer's order. */
  readonly drivers: readonly DriverId[];
}

/** The project root (dist/bin/private -> root, or bin/private in the source tree). */
export function projectRoot(): string {
  const up = (n: number) => path.resolve(__dirname, ...Array<string>(n).fill(".."));
  return [up(3), up(2)].find((p) => fs.existsSync(path.join(p, "package.json"))) ?? process.cwd();
}

/** Example names compiled into dist/examples. */
export function exampleNames(): string[] {
  const dir = path.join(projectRoot(), "dist", "examples");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "main.js"))).sort();
}

export function loadExample(name: string): CloudSummary {
  const main = path.join(projectRoot(), "dist", "examples", name, "main.js");
  if (!fs.existsSync(main)) {
    throw new PolyvisorError("UnknownExample", "no compiled example of that name", {
      value: name,
      allowed: exampleNames().join(", ") || "(none: run `npm run build`)",
      fix: "build the project or pick one of the examples above",
    });
  }
  return summarize(runApp(`${JSON.stringify(process.execPath)} ${JSON.stringify(main)}`, projectRoot()), `example ${name}`);
}

/**
 * `dir` may be a synth output (holding stacks/<name>/cdk.tf.json), a stack directory, or an app
 * directory with a cdktf.json whose `app` command is run.
 */
export function loadApp(dir: string): CloudSummary {
  const abs = path.resolve(dir);
  const synthesized = findStackFiles(abs);
  if (synthesized.length > 0) return summarize(synthesized, abs);
  const config = path.join(abs, "cdktf.json");
  if (fs.existsSync(config)) {
    const app = (JSON.parse(fs.readFileSync(config, "utf8")) as { app?: string }).app;
    if (app) return summarize(runApp(app, abs), abs);
  }
  throw new PolyvisorError("NoCloudDefinition", "found neither synthesized stacks nor a cdktf.json with an app", {
    where: abs,
    allowed: "a cdktf output directory (stacks/*/cdk.tf.json) or a project directory with cdktf.json",
    fix: "point --app at the project directory or at its cdktf.out",
  });
}

function runApp(command: string, cwd: string): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "polyvisor-matrix-"));
  try {
    const r = spawnSync(command, { cwd, shell: true, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" } });
    if (r.status !== 0) {
      throw new PolyvisorError("SynthFailed", "the cloud definition did not synthesize", {
        where: `${cwd}: ${command}`,
        value: (r.stderr || r.stdout || "").trim().split("\n").slice(-12).join("\n"),
        fix: "fix the definition (run `cdktf synth` to see the full error)",
      });
    }
    return findStackFiles(outdir).map((f) => {
      const copy = fs.readFileSync(f, "utf8");
      return `${f}\n${copy}`;
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function findStackFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  const direct = path.join(dir, "cdk.tf.json");
  if (fs.existsSync(direct)) return [direct];
  const stacks = path.join(dir, "stacks");
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks)
    .map((s) => path.join(stacks, s, "cdk.tf.json"))
    .filter((f) => fs.existsSync(f))
    .sort();
}

interface StackJson {
  resource?: Record<string, Record<string, { release?: string; driver?: string }>>;
}

/** `entries` are file paths, or `path\ncontent` when the files are already read. */
function summarize(entries: readonly string[], source: string): CloudSummary {
  const releases = new Set<string>();
  const drivers = new Set<string>();
  const stacks: string[] = [];
  for (const entry of entries) {
    const nl = entry.indexOf("\n");
    const file = nl < 0 ? entry : entry.slice(0, nl);
    const json = JSON.parse(nl < 0 ? fs.readFileSync(file, "utf8") : entry.slice(nl + 1)) as StackJson;
    stacks.push(path.basename(path.dirname(file)));
    for (const r of Object.values(json.resource?.polyvisor_control_plane ?? {})) if (r.release) releases.add(r.release);
    for (const r of Object.values(json.resource?.polyvisor_compute_node ?? {})) {
      if (r.release) releases.add(r.release);
      if (r.driver) drivers.add(r.driver);
    }
  }
  if (releases.size !== 1) {
    throw new PolyvisorError("AmbiguousRelease", releases.size === 0 ? "the definition has no control plane or compute node" : "the definition targets several releases", {
      where: source,
      value: [...releases],
      fix: "pass --release, or point at one cloud",
    });
  }
  return {
    source,
    stacks,
    release: assertRelease([...releases][0], source),
    drivers: DRIVER_IDS.filter((d) => drivers.has(d) && isDriverId(d)),
  };
}
