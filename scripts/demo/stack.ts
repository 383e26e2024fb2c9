// The all-in-one stack through the real tools: `cdktf deploy` / `cdktf destroy` (which synthesize
// the example and run terraform with polyvisor's provider from the offline mirror), and the
// stack's outputs through `terraform output -json`. Each run's output goes to a log file.
import { spawn } from "node:child_process";
import { chmodSync, createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../../examples/find-file";

export const STACK = "all-in-one";

export interface StackEnv {
  readonly inventory: string;
  readonly imageDir: string;
  /** JSON: node id -> nova.conf overrides (POLYVISOR_NODE_OVERRIDES of the example). */
  readonly nodeOverrides?: string;
}

export interface RunResult {
  readonly code: number;
  readonly output: string;
  readonly seconds: number;
  readonly log: string;
}

export function demoDir(): string {
  return path.join(projectRoot(), ".polyvisor", "demo");
}

function env(s: StackEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: path.join(projectRoot(), ".polyvisor", "terraformrc"),
    POLYVISOR_INVENTORY: s.inventory,
    POLYVISOR_IMAGE_DIR: s.imageDir,
    POLYVISOR_NODE_OVERRIDES: s.nodeOverrides ?? "",
    FORCE_COLOR: "0",
    CI: "1",
  };
}

let runs = 0;

/** Runs a command in the project root with the stack's environment; output to a log file (and stdout when `echo`). */
export function runLogged(name: string, command: string, args: readonly string[], s: StackEnv, echo = false, secret = false): Promise<RunResult> {
  mkdirSync(demoDir(), { recursive: true });
  const log = path.join(demoDir(), `${String(++runs).padStart(2, "0")}-${name}.log`);
  const file = createWriteStream(log, { mode: 0o640 });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Terraform's local state holds the generated passwords: whatever the tools write is the
    // owner's only (the child inherits the umask at spawn).
    const umask = process.umask(0o077);
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { cwd: projectRoot(), env: env(s), stdio: ["ignore", "pipe", "pipe"] });
    } finally {
      process.umask(umask);
    }
    let output = "";
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (!secret) file.write(chunk);
      if (echo) process.stdout.write(chunk);
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", take);
    child.on("error", reject);
    child.on("close", (code) => {
      file.end();
      resolve({ code: code ?? -1, output, seconds: (Date.now() - started) / 1000, log });
    });
  });
}

const cdktf = () => path.join(projectRoot(), "node_modules", ".bin", "cdktf");

export function deploy(s: StackEnv, name = "deploy", echo = false): Promise<RunResult> {
  return runLogged(name, cdktf(), ["deploy", STACK, "--skip-provider-lock", "--auto-approve"], s, echo);
}

export function destroy(s: StackEnv, echo = false): Promise<RunResult> {
  return runLogged("destroy", cdktf(), ["destroy", STACK, "--auto-approve"], s, echo);
}

export function stackDir(): string {
  return path.join(projectRoot(), "cdktf.out", "stacks", STACK);
}

/** `terraform plan -detailed-exitcode` on the synthesized stack: 0 no changes, 2 changes. */
export function plan(s: StackEnv): Promise<RunResult> {
  return runLogged("plan", "terraform", [`-chdir=${stackDir()}`, "plan", "-detailed-exitcode", "-input=false", "-no-color"], s);
}

export type Outputs = Record<string, unknown>;

/** The stack's outputs, sensitive ones included; also written 0600 for `polyvisor instance --cloud-outputs`. */
export async function outputs(s: StackEnv): Promise<{ values: Outputs; file: string }> {
  const r = await runLogged("outputs", "terraform", [`-chdir=${stackDir()}`, "output", "-json"], s, false, true);
  if (r.code !== 0) throw new Error(`terraform output failed (see ${r.log})`);
  const json = JSON.parse(r.output.slice(r.output.indexOf("{"))) as Record<string, { value: unknown }>;
  const values = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v.value]));
  const file = path.join(demoDir(), "outputs.json");
  writeFileSync(file, JSON.stringify(json, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { values, file };
}
