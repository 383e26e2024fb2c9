// The REAL oslo-config-validator of Debian 12's OpenStack (Zed) on every other file a Zed control
// plane gets: keystone.conf, placement.conf, neutron.conf, ml2_conf.ini, openvswitch_agent.ini,
// dhcp_agent.ini, metadata_agent.ini,
// cinder.conf (every backend kind) and glance-api.conf (every store kind).
// Needs scripts/setup-oslo-validator.sh.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { IniModel, NAMED_SECTION_GROUP, OSLO_NAMESPACES, ServiceFile, renderIni } from "../../../provisioners/config";
import { ZED_SERVICE_FILES } from "./fixtures";

const run = promisify(execFile);
const VALIDATOR = "/usr/bin/oslo-config-validator";
let dir: string;

beforeAll(() => {
  if (!existsSync(VALIDATOR)) throw new Error(`${VALIDATOR} is missing: run scripts/setup-oslo-validator.sh`);
  dir = mkdtempSync(join(tmpdir(), "polyvisor-oslo-svc-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The validator knows operator-named sections (backends, stores) only by their fixed group, so
 * their keys are checked under that group; every other section is checked as rendered.
 */
function forValidator(file: ServiceFile, model: IniModel, named: readonly string[]): IniModel {
  const group = NAMED_SECTION_GROUP[file];
  if (!group || named.length === 0) return model;
  const rest = Object.fromEntries(Object.entries(model).filter(([s]) => !named.includes(s)));
  const union = Object.assign({}, ...named.map((s) => model[s]));
  return { ...rest, [group]: { ...(rest[group] ?? {}), ...union } };
}

async function validate(file: ServiceFile, model: IniModel, named: readonly string[] = []): Promise<{ code: number; output: string }> {
  const path = join(dir, `${file}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, renderIni(forValidator(file, model, named), { generatedBy: `polyvisor test ${file}` }), { mode: 0o600 });
  const args = ["--input-file", path, ...OSLO_NAMESPACES[file].flatMap((n) => ["--namespace", n])];
  try {
    const r = await run(VALIDATOR, args);
    return { code: 0, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : -1, output: (err.stdout ?? "") + (err.stderr ?? "") };
  }
}

describe("oslo-config-validator (Debian 12, Zed) on the control plane's other files", () => {
  test("given keystone.conf with an unknown option, then the real validator fails it (the check can fail)", async () => {
    const r = await validate("keystone.conf", { token: { provider: "fernet", providr: "x" } });
    expect(r.code).toBe(1);
    expect(r.output).toContain("token/providr is not part of the sample config");
  }, 60_000);

  test.concurrent.each(ZED_SERVICE_FILES)(
    "given the rendered %s, then the validator accepts it",
    async (file, build, named) => {
      const r = await validate(file, build(), named);
      expect(r.output).not.toMatch(/ERROR/);
      expect(r.code).toBe(0);
    },
    120_000
  );
});
