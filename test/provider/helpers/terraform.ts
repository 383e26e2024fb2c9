// Runs the real terraform binary against a scratch working directory, offline, with the CLI config
// the install script wrote. Tests fail (not skip) with a clear message when terraform is missing.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CLI_CONFIG } from "./install";

export const TERRAFORM = process.env.POLYVISOR_TERRAFORM ?? "/usr/local/bin/terraform";

/** Says on the test output whether terraform was found; throws with what to do when it is not. */
export function requireTerraform(): string {
  if (!fs.existsSync(TERRAFORM)) {
    const msg = `terraform NOT found at ${TERRAFORM}: these tests need a real terraform >= 1.0 (set POLYVISOR_TERRAFORM to its path)`;
    console.log(msg);
    throw new Error(msg);
  }
  const version = spawnSync(TERRAFORM, ["version"], { encoding: "utf8", env: terraformEnv() }).stdout.split("\n")[0];
  console.log(`terraform found: ${TERRAFORM} (${version})`);
  return version;
}

export function terraformEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TF_CLI_CONFIG_FILE: CLI_CONFIG, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...extra };
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class Workdir {
  constructor(readonly dir: string) {}

  static create(prefix: string): Workdir {
    return new Workdir(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  }

  write(name: string, content: string): this {
    fs.writeFileSync(path.join(this.dir, name), content);
    return this;
  }

  tf(args: string[], extraEnv: NodeJS.ProcessEnv = {}): RunResult {
    const res = spawnSync(TERRAFORM, [...args], { cwd: this.dir, encoding: "utf8", env: terraformEnv(extraEnv), timeout: 240_000 });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  }

  /** Runs terraform and throws with its output unless it exits with one of `codes`. */
  ok(args: string[], codes: number[] = [0], extraEnv: NodeJS.ProcessEnv = {}): RunResult {
    const res = this.tf(args, extraEnv);
    if (!codes.includes(res.code ?? -1)) throw new Error(`terraform ${args.join(" ")} exited ${res.code}\n${res.stdout}\n${res.stderr}`);
    return res;
  }

  /** `terraform plan -out` + `show -json`: the machine-readable plan. */
  planJson(): { resource_changes?: { address: string; change: { actions: string[]; replace_paths?: string[][] } }[]; resource_drift?: { address: string }[] } {
    this.ok(["plan", "-input=false", "-no-color", "-out=plan.bin"]);
    return JSON.parse(this.ok(["show", "-json", "plan.bin"]).stdout);
  }

  state(): { resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] } {
    return JSON.parse(fs.readFileSync(path.join(this.dir, "terraform.tfstate"), "utf8"));
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const PROVIDER_BLOCK = `
terraform {
  required_providers {
    polyvisor = { source = "polyvisor/polyvisor", version = "0.1.0" }
  }
}
provider "polyvisor" {}
`;

/** Actions per resource address in a plan. */
export const actionsOf = (plan: ReturnType<Workdir["planJson"]>) =>
  Object.fromEntries((plan.resource_changes ?? []).map((c) => [c.address, c.change.actions.join(",")]));
