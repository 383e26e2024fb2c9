// Shared by the host resource tests: HCL for a fleet host, the BMC password as a sensitive
// variable, terraform runs with their output (and optionally TF_LOG=trace) kept for secret checks,
// and small probes of the real host over SSH and its BMC.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { FleetHost, runFleet, sshRun } from "../../support/fleet";
import { PROVIDER_BLOCK, RunResult, Workdir } from "../helpers/terraform";

/** A value that cannot appear by chance in any output: the test then greps for it. */
export const uniqueSecret = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;

export function bmcPassword(host: FleetHost): string {
  return fs.readFileSync(host.bmc.password_file, "utf8").trim();
}

/** HCL of a polyvisor_host for a fleet host; `extra` goes inside the resource block. */
export function hostHcl(resourceName: string, host: FleetHost, extra = ""): string {
  return `
resource "polyvisor_host" "${resourceName}" {
  name                 = "${host.name}"
  address              = "${host.address}"
  ssh_user             = "${host.ssh_user}"
  ssh_private_key_path = "${host.ssh_private_key}"
  ssh_host_key         = "${host.host_key}"
  bmc {
    type     = "ipmi"
    address  = "${host.bmc.address}"
    port     = ${host.bmc.port}
    username = "${host.bmc.username}"
    password = var.bmc_password_${resourceName}
  }
${extra}
}
variable "bmc_password_${resourceName}" {
  type      = string
  sensitive = true
}
`;
}

export const providerHcl = PROVIDER_BLOCK;

/** Runs terraform, keeps every output for secret checks, throws with the output on an unexpected exit code. */
export class HostWorkdir {
  readonly outputs: string[] = [];
  readonly traceLog: string;

  constructor(readonly wd: Workdir, private readonly env: NodeJS.ProcessEnv) {
    this.traceLog = path.join(wd.dir, "trace.log");
  }

  run(args: string[], codes: number[] = [0], options: { trace?: boolean } = {}): RunResult {
    const env = { ...this.env, ...(options.trace ? { TF_LOG: "trace", TF_LOG_PATH: this.traceLog } : {}) };
    const res = this.wd.tf([...args, "-no-color"], env);
    this.outputs.push(res.stdout, res.stderr);
    if (!codes.includes(res.code ?? -1)) throw new Error(`terraform ${args.join(" ")} exited ${res.code}\n${res.stdout}\n${res.stderr}`);
    return res;
  }

  apply(codes = [0], options: { trace?: boolean } = {}): RunResult {
    return this.run(["apply", "-auto-approve", "-input=false"], codes, options);
  }

  plan(codes = [0, 2]): RunResult {
    return this.run(["plan", "-input=false", "-detailed-exitcode"], codes);
  }

  /** Everything terraform printed so far, plus the trace log when one was written. */
  allText(): string {
    const trace = fs.existsSync(this.traceLog) ? fs.readFileSync(this.traceLog, "utf8") : "";
    return [...this.outputs, trace].join("\n");
  }
}

/** Runs a command on the host and returns stdout; fails the test with stderr otherwise. */
export async function onHost(host: FleetHost, command: string): Promise<string> {
  const r = await sshRun(host, command);
  if (r.code !== 0) throw new Error(`on ${host.name}: \`${command}\` exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

export async function bmcPower(host: FleetHost): Promise<"on" | "off"> {
  const out = await runFleet(["ipmi", host.name, "chassis", "power", "status"]);
  return /is on/i.test(out) ? "on" : "off";
}

/** Powers the host off through its BMC and waits until the BMC says so. */
export async function powerOff(host: FleetHost): Promise<void> {
  await runFleet(["ipmi", host.name, "chassis", "power", "off"]);
  for (let i = 0; i < 100 && (await bmcPower(host)) === "on"; i++) await new Promise((r) => setTimeout(r, 200));
  expect(await bmcPower(host)).toBe("off");
}
