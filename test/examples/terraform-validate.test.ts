import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ROOT, SynthJson, cdktfSynth, compiled, tmpDir } from "./private/compiled";
import { schemaProblems } from "./private/schema-conformance";

const CLI_CONFIG = path.join(ROOT, ".polyvisor", "terraformrc");

/** `terraform validate -json` of a synthesized stack, with the provider from the repository's mirror. */
function validate(json: unknown): { valid: boolean; diagnostics: { summary: string; detail?: string }[] } {
  if (!fs.existsSync(CLI_CONFIG)) throw new Error(`${CLI_CONFIG} is missing: run \`npm run build\` (it installs the provider into the mirror)`);
  const dir = tmpDir("polyvisor-validate-");
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
  const env = { ...process.env, TF_CLI_CONFIG_FILE: CLI_CONFIG, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  const run = (...args: string[]) => spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
  const init = run("init", "-no-color", "-input=false", "-backend=false");
  if (init.error) throw new Error(`terraform is not runnable here: ${init.error.message}`);
  expect(init.status, init.stderr).toBe(0);
  return JSON.parse(run("validate", "-no-color", "-json").stdout);
}

/**
 * Terraform checks blocks and attributes against the provider's schema before it asks the provider;
 * resource types whose handlers the provider does not implement yet answer HandlerNotImplemented,
 * which says nothing about the configuration and is left out here. (Terraform skips resources
 * downstream of an error, so the schema walk below checks every resource on its own as well.)
 */
function configProblems(result: ReturnType<typeof validate>): string[] {
  return result.diagnostics.filter((d) => !d.summary.includes("HandlerNotImplemented")).map((d) => `${d.summary}: ${d.detail ?? ""}`);
}

const EXAMPLES: [string, () => SynthJson][] = [
  ["all-in-one", () => (compiled("examples/all-in-one/main.js"), cdktfSynth("all-in-one"))],
  ["enterprise", () => cdktfSynth("enterprise", { app: `node ${compiled("examples/enterprise/main.js")}` })],
];

describe.each(EXAMPLES)("synthesized %s example against the provider schema", (_name, synth) => {
  let json: SynthJson;
  beforeAll(() => {
    json = synth();
  });

  test("given the synthesized JSON, when walked against the schema, then every resource conforms", () => {
    expect(schemaProblems(json)).toEqual([]);
  });
});

// The all-in-one cloud is the one deployed on this machine, so the provider's own plan-time checks
// must accept it too. (The enterprise cloud holds Windows and vendor hosts this provider build
// does not drive; its schema walk above is what applies to it.)
describe("synthesized all-in-one example, validated by real terraform and the provider", () => {
  test("given the synthesized JSON, when terraform validates it, then neither terraform nor the provider reports a problem", () => {
    compiled("examples/all-in-one/main.js");
    expect(configProblems(validate(cdktfSynth("all-in-one")))).toEqual([]);
  });
});

describe("schema walk", () => {
  test("given a resource with an unknown attribute and a missing required one, when walked, then both are reported", () => {
    const json = { resource: { polyvisor_network: { n: { name: "x", segmentation: 5 } } } };
    expect(schemaProblems(json)).toEqual([
      "polyvisor_network.n.segmentation: not in the schema",
      "polyvisor_network.n.network_type: required attribute missing",
    ]);
  });
});
