// Prints the provider's start-to-handshake time and the wall time of a no-change `terraform plan`
// over 200 host-less resources. Build and install first: bash scripts/install-provider.sh
//   node dist/bench/provider.js [--starts N] [--resources N]
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createServerIdentity } from "../provider/protocol/certificate";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../provider/protocol/plugin-server";
import { PROVIDER_VERSION } from "../provider/schema";

const ROOT = path.resolve(__dirname, "..", "..");
const LAUNCHER = path.join(ROOT, ".polyvisor", "mirror", "registry.terraform.io", "polyvisor", "polyvisor", PROVIDER_VERSION, "linux_amd64", `terraform-provider-polyvisor_v${PROVIDER_VERSION}`);
const CLI_CONFIG = path.join(ROOT, ".polyvisor", "terraformrc");
const TERRAFORM = process.env.POLYVISOR_TERRAFORM ?? "/usr/local/bin/terraform";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `min ${s[0].toFixed(0)} ms, median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms (n=${s.length})`;
};

function handshakeOnce(clientCert: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(LAUNCHER, [], {
      env: { PATH: process.env.PATH, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_MIN_PORT: "10000", PLUGIN_MAX_PORT: "25000", PLUGIN_CLIENT_CERT: clientCert },
      stdio: ["ignore", "pipe", "ignore"],
    });
    child.once("exit", (code) => reject(new Error(`plugin exited ${code} before its handshake`)));
    child.stdout.once("data", () => {
      const ms = performance.now() - started;
      child.removeAllListeners("exit");
      child.kill("SIGTERM");
      resolve(ms);
    });
  });
}

function timed(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const started = performance.now();
  const res = spawnSync(cmd, args, { ...opts, encoding: "utf8" });
  if (res.status !== 0 && res.status !== 2) throw new Error(`${cmd} ${args.join(" ")} exited ${res.status}\n${res.stdout}\n${res.stderr}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  if (!fs.existsSync(LAUNCHER)) throw new Error(`${LAUNCHER} missing: run bash scripts/install-provider.sh first`);
  const starts = arg("--starts", 20);
  const count = arg("--resources", 200);
  const cert = createServerIdentity().certPem;

  timed(process.execPath, ["-e", "0"]);
  const nodeBaseline = Array.from({ length: 5 }, () => timed(process.execPath, ["-e", "0"]));
  const handshakes: number[] = [];
  for (let i = 0; i < starts; i++) handshakes.push(await handshakeOnce(cert));
  console.log(`provider start-to-handshake: ${stats(handshakes)}  [target < 150 ms; bare node start: ${stats(nodeBaseline)}]`);

  if (!fs.existsSync(TERRAFORM)) {
    console.log(`terraform NOT found at ${TERRAFORM}: no plan figure`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "polyvisor-bench-"));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TF_CLI_CONFIG_FILE: CLI_CONFIG, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  try {
    fs.writeFileSync(
      path.join(dir, "main.tf"),
      `terraform {
  required_providers {
    polyvisor = { source = "polyvisor/polyvisor", version = "${PROVIDER_VERSION}" }
  }
}
resource "polyvisor_rendered_file" "f" {
  count   = ${count}
  path    = "${dir}/files/f\${count.index}.conf"
  content = "[DEFAULT]\\nindex = \${count.index}\\n"
}
`,
    );
    timed(TERRAFORM, ["init", "-input=false"], { cwd: dir, env });
    const apply = timed(TERRAFORM, ["apply", "-auto-approve", "-input=false"], { cwd: dir, env });
    const plans = Array.from({ length: 3 }, () => timed(TERRAFORM, ["plan", "-input=false", "-detailed-exitcode"], { cwd: dir, env }));
    const check = spawnSync(TERRAFORM, ["plan", "-input=false", "-detailed-exitcode"], { cwd: dir, env });
    console.log(`terraform apply creating ${count} rendered files: ${apply.toFixed(0)} ms`);
    console.log(`terraform plan, no changes, ${count} host-less resources: ${stats(plans)}  [exit code ${check.status}: 0 = no changes]`);
    timed(TERRAFORM, ["destroy", "-auto-approve", "-input=false"], { cwd: dir, env });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
