// Remote state for teams: terraform's `pg` backend on a real private PostgreSQL. Two working
// directories share one state; while one apply holds the lock, a second either fails at once
// (-lock-timeout=0) or waits for it, and the state stays whole.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installProvider } from "../helpers/install";
import { PrivatePostgres, startPostgres } from "../helpers/postgres";
import { PROVIDER_BLOCK, requireTerraform, TERRAFORM, terraformEnv, Workdir } from "../helpers/terraform";

let pg: PrivatePostgres;
let alice: Workdir;
let bob: Workdir;
let outDir: string;

// The connection string travels in PG_CONN_STR, never in a file.
const env = () => ({ PG_CONN_STR: pg.connStr });

const config = () => `${PROVIDER_BLOCK.replace("terraform {", 'terraform {\n  backend "pg" {}')}
variable "greeting" { type = string }
variable "hold_seconds" {
  type    = number
  default = 0
}
resource "polyvisor_rendered_file" "greeting" {
  path    = "${path.join(outDir, "greeting.txt")}"
  content = var.greeting
}
# Keeps the apply (and so the state lock) busy for a while after the file changed.
resource "terraform_data" "hold" {
  triggers_replace = [var.greeting]
  provisioner "local-exec" {
    command = "sleep \${var.hold_seconds}"
  }
}
`;

/** Starts an apply in the background; resolves `locked` once terraform is past the lock. */
function backgroundApply(wd: Workdir, greeting: string, holdSeconds: number, lockTimeout = "0s") {
  const args = ["apply", "-auto-approve", "-input=false", "-no-color", `-lock-timeout=${lockTimeout}`, `-var=greeting=${greeting}`, `-var=hold_seconds=${holdSeconds}`];
  const child = spawn(TERRAFORM, args, {
    cwd: wd.dir,
    env: terraformEnv(env()),
  });
  let output = "";
  const locked = new Promise<void>((resolve) =>
    child.stdout.on("data", (d) => {
      output += d;
      if (output.includes("terraform_data.hold: Creating...")) resolve();
    }),
  );
  child.stderr.on("data", (d) => (output += d));
  const done = new Promise<{ code: number | null; output: string; endedAt: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, output, endedAt: Date.now() })),
  );
  return { locked, done };
}

beforeAll(async () => {
  requireTerraform();
  installProvider();
  pg = await startPostgres();
  alice = Workdir.create("polyvisor-pg-alice-");
  bob = Workdir.create("polyvisor-pg-bob-");
  outDir = path.join(alice.dir, "out");
  for (const wd of [alice, bob]) {
    wd.write("main.tf", config());
    wd.ok(["init", "-input=false", "-no-color"], [0], env());
  }
});

afterAll(async () => {
  await pg?.stop();
  alice?.remove();
  bob?.remove();
});

describe("pg backend with two concurrent applies", () => {
  test("given one apply holding the lock, when a second runs with -lock-timeout=0, then it fails on the lock and changes nothing", async () => {
    const first = backgroundApply(alice, "one", 4);
    await first.locked;
    const second = bob.tf(["apply", "-auto-approve", "-input=false", "-no-color", "-lock-timeout=0s", "-var=greeting=two"], env());
    expect(second.code).toBe(1);
    expect(second.stderr.replace(/\s+/g, " ")).toContain("Error acquiring the state lock");
    const result = await first.done;
    expect(result.code, result.output).toBe(0);
    expect(fs.readFileSync(path.join(outDir, "greeting.txt"), "utf8")).toBe("one");
  });

  test("given the first apply finished, when the other working directory plans the same input, then state is whole and shows No changes", () => {
    const res = bob.ok(["plan", "-detailed-exitcode", "-input=false", "-no-color", "-var=greeting=one"], [0], env());
    expect(res.stdout).toContain("No changes.");
  });

  test("given one apply holding the lock, when a second waits with -lock-timeout, then it runs after the first and the state has both", async () => {
    const serialBefore = JSON.parse(alice.ok(["state", "pull"], [0], env()).stdout).serial as number;
    const first = backgroundApply(alice, "three", 3);
    await first.locked;
    const second = backgroundApply(bob, "four", 0, "60s");
    const [r1, r2] = await Promise.all([first.done, second.done]);
    expect(r1.code, r1.output).toBe(0);
    expect(r2.code, r2.output).toBe(0);
    expect(r2.endedAt).toBeGreaterThanOrEqual(r1.endedAt);
    expect(fs.readFileSync(path.join(outDir, "greeting.txt"), "utf8")).toBe("four");
    const state = JSON.parse(alice.ok(["state", "pull"], [0], env()).stdout);
    expect(state.serial).toBeGreaterThan(serialBefore + 1);
    expect(state.resources.map((r: { type: string }) => r.type).sort()).toEqual(["polyvisor_rendered_file", "terraform_data"]);
    expect(alice.ok(["plan", "-detailed-exitcode", "-input=false", "-no-color", "-var=greeting=four"], [0], env()).stdout).toContain("No changes.");
  });

  test("given the shared state, when destroyed from one directory, then the other sees no resources", () => {
    alice.ok(["destroy", "-auto-approve", "-input=false", "-no-color", "-var=greeting=four"], [0], env());
    expect(bob.ok(["state", "list"], [0], env()).stdout.trim()).toBe("");
    expect(fs.existsSync(path.join(outDir, "greeting.txt"))).toBe(false);
  });
});
