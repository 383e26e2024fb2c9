// First stage from bare metal: make sure the host is powered on (through its BMC) and wait until it
// answers on SSH with the pinned host key.

import { Bmc } from "../bmc/bmc";
import { PolyvisorError } from "../errors";
import { HostDefinition, describeHost } from "../ssh/host";
import { SshPool } from "../ssh/pool";
import { sleep } from "../ssh/retry";
import { SshSession } from "../ssh/session";

export interface PowerOnOptions {
  /** How long to wait for SSH after power on, in ms (default 180000). */
  readonly sshWaitMs?: number;
}

/** Codes that mean "not up yet" while waiting for a freshly powered host. */
const NOT_UP_YET = new Set(["SshUnreachable", "SshConnectionLost", "SshConnectFailed"]);

export async function powerOnAndWaitForSsh(host: HostDefinition, bmc: Bmc | undefined, pool: SshPool, options: PowerOnOptions = {}): Promise<{ session: SshSession; changes: string[] }> {
  const changes: string[] = [];
  if (bmc) {
    if ((await bmc.powerStatus()) === "off") {
      if (host.bmc?.bootDevice) { await bmc.setBootDevice(host.bmc.bootDevice); changes.push(`boot device ${host.bmc.bootDevice}`); }
      await bmc.powerOn();
      changes.push("powered on");
    }
  }
  // A host that was already on gets one connect (with the pool's retries); only a host we just
  // powered on is waited for while it boots.
  if (changes.length === 0) return { session: await pool.get(host), changes };
  const deadline = Date.now() + (options.sshWaitMs ?? 180_000);
  let delay = 500;
  for (;;) {
    try {
      return { session: await pool.get(host), changes };
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (!NOT_UP_YET.has(code)) throw err;
      if (Date.now() + delay > deadline) {
        throw new PolyvisorError("HostNotReady", `${describeHost(host)} did not answer on SSH within ${Math.round((options.sshWaitMs ?? 180_000) / 1000)} s${bmc ? " after power on" : ""}`, {
          where: `${host.name}:power`, value: (err as Error).message,
          fix: "check the host boots (console via the BMC) and that sshd starts and listens on the address",
        });
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }
}
