// Runs the REAL oslo-config-validator of Debian 12's nova on every rendered nova.conf of every
// driver that exists in Zed, and on the control plane's. Needs scripts/setup-oslo-validator.sh.
// The option data the validator reads is generated once per run by the real oslo-config-generator
// from the installed nova, for `--namespace nova.conf` and the library namespaces nova's own
// sample-config generator uses (the same lists; loading them once instead of once per file keeps
// the run near 30 s instead of 85 s on this machine).

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NOVA_OPTIONS_ZED, OSLO_NAMESPACES, computeNovaConf, novaControlConf, renderIni } from "../../../provisioners/config";
import { DRIVER_IDS, getDriver } from "../../../provisioners/drivers";
import { KEYSTONE, MESSAGING, computeInput, db, user } from "./fixtures";

const run = promisify(execFile);
const VALIDATOR = "/usr/bin/oslo-config-validator";
const SETUP_HINT = "run scripts/setup-oslo-validator.sh (installs Debian's python3-nova and oslo.config)";

const GENERATOR = "/usr/bin/oslo-config-generator";
let dir: string;
let optData: string;

beforeAll(async () => {
  if (!existsSync(VALIDATOR) || !existsSync(GENERATOR)) throw new Error(`${VALIDATOR} is missing: ${SETUP_HINT}`);
  dir = mkdtempSync(join(tmpdir(), "polyvisor-oslo-"));
  optData = join(dir, "nova-opts.yaml");
  await run(GENERATOR, ["--format", "yaml", "--output-file", optData, ...OSLO_NAMESPACES["nova.conf"].flatMap((n) => ["--namespace", n])]);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function validate(name: string, text: string): Promise<{ code: number; output: string }> {
  const file = join(dir, `${name}.conf`);
  writeFileSync(file, text, { mode: 0o600 });
  try {
    const r = await run(VALIDATOR, ["--input-file", file, "--opt-data", optData]);
    return { code: 0, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : -1, output: (err.stdout ?? "") + (err.stderr ?? "") };
  }
}

describe("oslo-config-validator (Debian 12 nova 26) on rendered nova.conf", () => {
  test("given the namespaces, then they are the ones the option data was extracted with", () => {
    expect(OSLO_NAMESPACES["nova.conf"]).toEqual(NOVA_OPTIONS_ZED.source.namespaces);
  });

  test("given a file with an unknown option, then the real validator fails it (the check can fail)", async () => {
    const r = await validate("bogus", "[libvirt]\nvirt_type = qemu\nvirt_typo = kvm\n");
    expect(r.code).toBe(1);
    expect(r.output).toContain("libvirt/virt_typo is not part of the sample config");
  }, 60_000);

  test("given virt_type = kvmm, then the validator passes it, which is why values are checked separately", async () => {
    const r = await validate("kvmm", "[libvirt]\nvirt_type = kvmm\n");
    expect(r.code).toBe(0);
  }, 60_000);

  const zed = DRIVER_IDS.filter((id) => getDriver(id).existsIn("zed"));
  test.concurrent.each(zed.map((id) => [id]))(
    "given the compute nova.conf of %s on Zed, then the validator accepts it",
    async (id) => {
      const text = renderIni(computeNovaConf({ ...computeInput(id, "zed"), ovsdbConnection: "tcp:127.0.0.1:6640", serviceUser: user("nova") }), {
        generatedBy: `polyvisor test ${id}`,
      });
      const r = await validate(id, text);
      expect(r.output).not.toMatch(/ERROR/);
      expect(r.code).toBe(0);
    },
    120_000
  );

  test("given the control plane's nova.conf (api, metadata, conductor, scheduler, novncproxy), then the validator accepts it", async () => {
    const model = novaControlConf({
      release: "zed",
      services: ["api", "metadata", "conductor", "scheduler", "novncproxy"],
      myIp: "10.0.0.10",
      messaging: MESSAGING,
      database: db("nova"),
      apiDatabase: db("nova_api"),
      keystone: KEYSTONE,
      novaUser: user("nova"),
      placementUser: user("placement"),
      neutronUser: user("neutron"),
      metadataProxySecret: "metadata_secret",
      serviceUser: user("nova"),
      drivers: ["libvirt-qemu-x86", "fake", "ironic"],
      discoverHostsInCellsInterval: 60,
    });
    const r = await validate("control", renderIni(model, { generatedBy: "polyvisor test control" }));
    expect(r.output).not.toMatch(/ERROR/);
    expect(r.code).toBe(0);
  }, 60_000);
});
