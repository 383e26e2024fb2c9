// `cdktf deploy / diff / destroy` of a small stack built on the generated bindings, through the
// real terraform and the installed plugin, inside a network namespace that has only loopback:
// proof that nothing is fetched from a registry.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installProvider } from "../helpers/install";
import { REPO } from "../helpers/plugin-process";
import { requireTerraform, terraformEnv } from "../helpers/terraform";

const CDKTF = path.join(REPO, "node_modules", ".bin", "cdktf");
const FIXTURE_JS = path.join(REPO, "dist", "test", "provider", "fixtures", "cdktf-stack", "main.js");
let work: string;
let files: string;

/** Runs cdktf offline: a fresh network namespace where only loopback is up. */
function cdktf(args: string[], env: NodeJS.ProcessEnv = {}) {
  const script = `ip link set lo up && exec "${CDKTF}" "$@"`;
  const res = spawnSync("unshare", ["--net", "sh", "-c", script, "cdktf", ...args], {
    cwd: work,
    encoding: "utf8",
    timeout: 240_000,
    env: terraformEnv({ POLYVISOR_FIXTURE_DIR: files, CI: "1", FORCE_COLOR: "0", NO_COLOR: "1", ...env }),
  });
  const output = `${res.stdout}\n${res.stderr}`;
  if (res.status !== 0) throw new Error(`cdktf ${args.join(" ")} exited ${res.status}\n${output}`);
  return output.replace(/\s+/g, " ");
}

beforeAll(() => {
  requireTerraform();
  installProvider();
  if (!fs.existsSync(path.join(REPO, "constructs", "generated", "providers", "polyvisor", "index.ts"))) {
    execFileSync("sh", ["-c", "npx tsc -p tsconfig.scripts.json && node dist/scripts/generate-bindings.js"], { cwd: REPO, stdio: "inherit" });
  }
  execFileSync("npx", ["--no-install", "tsc", "-p", "test/provider/fixtures/cdktf-stack/tsconfig.json"], { cwd: REPO, stdio: "inherit" });
  work = fs.mkdtempSync(path.join(os.tmpdir(), "polyvisor-cdktf-"));
  files = path.join(work, "files");
  fs.writeFileSync(
    path.join(work, "cdktf.json"),
    JSON.stringify({ language: "typescript", app: `node ${FIXTURE_JS}`, output: "cdktf.out", sendCrashReports: "false", terraformProviders: [], terraformModules: [], projectId: "polyvisor-provider-fixture" }),
  );
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("cdktf through polyvisor's provider, offline", () => {
  test("given the fixture stack, when deployed with --skip-provider-lock, then files are written and outputs come from the matrix", () => {
    const out = cdktf(["deploy", "--skip-provider-lock", "--auto-approve"]);
    expect(out).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
    expect(out).toMatch(/qemu_live_migrate = "?complete/);
    expect(fs.readFileSync(path.join(files, "greeting.txt"), "utf8")).toBe("hello\n");
    expect(JSON.parse(fs.readFileSync(path.join(files, "support.json"), "utf8"))["libvirt-lxc/operation.attach-volume"]).toBe("missing");
  });

  test("given nothing changed, when diffed, then cdktf reports no changes", () => {
    expect(cdktf(["diff", "--skip-provider-lock"])).toContain("No changes. Your infrastructure matches the configuration.");
  });

  test("given a changed greeting, when diffed, then exactly one in-place update is planned", () => {
    const out = cdktf(["diff", "--skip-provider-lock"], { POLYVISOR_FIXTURE_GREETING: "bye" });
    expect(out).toContain("polyvisor_rendered_file.greeting (greeting) will be updated in-place");
    expect(out).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
  });

  test("given the deployed stack, when destroyed, then the files are gone", () => {
    expect(cdktf(["destroy", "--auto-approve"])).toContain("Destroy complete! Resources: 2 destroyed.");
    expect(fs.readdirSync(files)).toEqual([]);
  });
});
