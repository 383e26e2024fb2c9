// IPMI power control against the real ipmi_sim BMCs of the test fleet, whose chassis control
// really starts and stops the host.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BmcDefinition } from "../../../provisioners/bmc/bmc";
import { IpmiBmc } from "../../../provisioners/bmc/ipmi";
import { isPolyvisorError } from "../../../provisioners/errors";
import { HostDefinition } from "../../../provisioners/ssh/host";
import { SshPool } from "../../../provisioners/ssh/pool";
import { Logger, MemorySink } from "../../../provisioners/ssh/redact";
import { sleep } from "../../../provisioners/ssh/retry";
import { SshSession } from "../../../provisioners/ssh/session";
import { powerOnAndWaitForSsh } from "../../../provisioners/stages/power";
import { readInventory } from "../../support/fleet";
import { FleetHost, fleetDown, fleetUp, toHostDefinition } from "../fleet-hosts";

const GROUP = "pvbmc";
let record: FleetHost;
let host: HostDefinition;
let bmc: IpmiBmc;

beforeAll(async () => {
  record = (await fleetUp(GROUP, 1))[0];
  host = toHostDefinition(record);
  bmc = new IpmiBmc(host.name, host.bmc!);
});
afterAll(() => fleetDown(GROUP));

async function waitFor(state: "on" | "off"): Promise<void> {
  for (let i = 0; i < 60 && (await bmc.powerStatus()) !== state; i++) await sleep(500);
  expect(await bmc.powerStatus()).toBe(state);
}
async function pid1Start(): Promise<string> {
  const s = await SshSession.open(host);
  try { return (await s.run("awk '{print $22}' /proc/1/stat", { step: "test" })).stdout.trim(); } finally { s.close(); }
}

describe("IPMI BMC of a real test host", () => {
  test("given a running host, when its power status is read through the password file, then it is on", async () => {
    expect(await bmc.powerStatus()).toBe("on");
  });

  test("given the password in memory, when the status is read (IPMI_PASSWORD, -E), then it is on as well", async () => {
    const def: BmcDefinition = { ...host.bmc!, passwordFile: undefined, password: readFileSync(record.bmc.password_file, "utf8").trim() };
    expect(await new IpmiBmc(host.name, def).powerStatus()).toBe("on");
  });

  test("given a boot device, when set, then the BMC's chassis records it", async () => {
    await bmc.setBootDevice("pxe");
    expect((await readInventory()).hosts.find((h) => h.name === host.name)?.bootdev).toBe("pxe");
    await bmc.setBootDevice("disk");
  });

  test("given power off, then SSH stops answering; given power on through the stage, then SSH answers again", async () => {
    await bmc.powerOff();
    await waitFor("off");
    try {
      await SshSession.open(host, { retry: { attempts: 1 }, connectTimeoutMs: 3000 });
      expect.unreachable("a powered-off host must not answer SSH");
    } catch (err) {
      expect(isPolyvisorError(err, "SshUnreachable")).toBe(true);
    }
    const pool = new SshPool();
    try {
      const { session, changes } = await powerOnAndWaitForSsh(host, bmc, pool, { sshWaitMs: 60_000 });
      expect(changes).toContain("powered on");
      expect((await session.run("hostname", { step: "test" })).stdout.trim()).toBe(host.name);
      const again = await powerOnAndWaitForSsh(host, bmc, pool);
      expect(again.changes).toEqual([]);
    } finally {
      await pool.closeAll();
    }
  });

  test("given a running host, when power-cycled, then it boots again (new PID 1)", async () => {
    const before = await pid1Start();
    await bmc.powerCycle();
    let after = before;
    for (let i = 0; i < 60 && after === before; i++) {
      await sleep(500);
      after = await pid1Start().catch(() => before);
    }
    expect(after).not.toBe(before);
  });

  test("given a wrong password, when power is asked, then BmcAuthFailed names host and step, hides the password, and the host stays on", async () => {
    const sink = new MemorySink();
    const wrong = new IpmiBmc(host.name, { ...host.bmc!, passwordFile: undefined, password: "wrong-bmc-password" }, new Logger(sink));
    try {
      await wrong.powerOff();
      expect.unreachable();
    } catch (err) {
      expect(isPolyvisorError(err, "BmcAuthFailed")).toBe(true);
      expect((err as Error).message).toContain(`${host.name}:bmc:power-off`);
      expect((err as Error).message).not.toContain("wrong-bmc-password");
    }
    expect(sink.text()).not.toContain("wrong-bmc-password");
    expect(await bmc.powerStatus()).toBe("on");
  });

  test("given a BMC address nothing answers on, when power is asked, then BmcUnreachable names host and step", async () => {
    const nowhere = new IpmiBmc(host.name, { ...host.bmc!, address: "127.0.21.1", port: 6231, timeoutSeconds: 3 });
    try {
      await nowhere.powerOn();
      expect.unreachable();
    } catch (err) {
      expect(isPolyvisorError(err, "BmcUnreachable")).toBe(true);
      expect((err as Error).message).toContain(`${host.name}:bmc:power-on`);
    }
  });
});
