// Runs the compiled examples (dist/, built by `npm run build`) the way an operator does: through the
// cdktf CLI, offline, into a temporary output directory, and parses what it wrote.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..", "..");

export function compiled(rel: string): string {
  const p = path.join(ROOT, "dist", rel);
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: run \`npm run build\` (tsc into dist/) before these tests`);
  return p;
}

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const ENV = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" };

/** `cdktf synth` of an app (default: the one in cdktf.json); returns the parsed stack JSON. */
export function cdktfSynth(stack: string, options: { app?: string; env?: Record<string, string> } = {}) {
  const out = tmpDir("polyvisor-synth-");
  const args = ["synth", "--output", out, ...(options.app ? ["--app", options.app] : [])];
  execFileSync(path.join(ROOT, "node_modules", ".bin", "cdktf"), args, { cwd: ROOT, env: { ...ENV, ...options.env }, stdio: "pipe", timeout: 120_000 });
  const file = path.join(out, "stacks", stack, "cdk.tf.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as SynthJson;
}

/** Runs a compiled app directly (as cdktf would) and reports its exit, stderr and output dir. */
export function runApp(rel: string, env: Record<string, string>) {
  const out = tmpDir("polyvisor-app-");
  const r = spawnSync(process.execPath, [compiled(rel)], { cwd: ROOT, env: { ...ENV, ...env, CDKTF_OUTDIR: out }, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, outdir: out };
}

export interface SynthJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, { sensitive?: boolean }>;
}

export const all = (json: SynthJson, type: string) => Object.values(json.resource[type] ?? {});
export const named = (json: SynthJson, type: string, name: string) => {
  const r = all(json, type).find((x) => x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}`);
  return r;
};
