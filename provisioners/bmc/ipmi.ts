// IPMI over LAN (RMCP+) through the `ipmitool` client. The password never appears on the command
// line (where `ps` would show it): it is read from a file (`-f`) or from the environment (`-E`).

import { execFile } from "node:child_process";
import { PolyvisorError } from "../errors";
import { Logger, silentLogger } from "../ssh/redact";
import { BootDevice, Bmc, BmcDefinition, DEFAULT_BMC_PORT, PowerState } from "./bmc";

/** ipmitool's words for our boot devices. */
const IPMI_BOOT_DEVICE: { readonly [d in BootDevice]: string } = { disk: "disk", pxe: "pxe", cdrom: "cdrom", bios: "bios" };

/** ipmitool stderr patterns, first match wins. */
const IPMI_FAILURES: ReadonlyArray<{ readonly pattern: RegExp; readonly code: string; readonly fix: string }> = [
  // With -v, ipmitool says why the RMCP+ session failed: a bad key (password) or an unknown user.
  { pattern: /HMAC is invalid|unauthorized name|invalid user ?name|Unable to read password|privilege level/i, code: "BmcAuthFailed",
    fix: "check the BMC username and password (bmc.username, bmc.password / bmc.passwordFile)" },
  { pattern: /Get Auth Capabilities error|Channel Authentication Capabilities|Unable to establish|Insufficient resources for session|no response|timeout|Connection refused|Address lookup/i, code: "BmcUnreachable",
    fix: "check bmc.address and bmc.port, that the BMC is powered and that IPMI over LAN is enabled" },
];

export class IpmiBmc implements Bmc {
  private readonly logger: Logger;

  constructor(readonly hostName: string, private readonly def: BmcDefinition, logger: Logger = silentLogger(), private readonly ipmitool = "ipmitool") {
    if (def.password === undefined && def.passwordFile === undefined) {
      throw new PolyvisorError("BmcPasswordMissing", "the IPMI BMC has neither password nor passwordFile", {
        where: `${hostName}.bmc`, fix: "set bmc.password (sensitive) or bmc.passwordFile",
      });
    }
    this.logger = logger.with({ host: hostName });
    this.logger.redactor.add(def.password);
  }

  async powerOn(): Promise<void> { await this.chassis("power-on", ["power", "on"]); }
  async powerOff(): Promise<void> { await this.chassis("power-off", ["power", "off"]); }

  async powerCycle(): Promise<void> {
    // IPMI refuses "cycle" while the chassis is off; a cycle of an off host means "on".
    if ((await this.powerStatus()) === "off") return this.powerOn();
    await this.chassis("power-cycle", ["power", "cycle"]);
  }

  async powerStatus(): Promise<PowerState> {
    const out = await this.chassis("power-status", ["power", "status"]);
    const m = /Chassis Power is (on|off)/i.exec(out);
    if (!m) throw new PolyvisorError("BmcBadResponse", "unexpected answer to `chassis power status`", { where: `${this.hostName}:bmc:power-status`, value: out.trim() });
    return m[1].toLowerCase() as PowerState;
  }

  async setBootDevice(device: BootDevice, options: { readonly persistent?: boolean } = {}): Promise<void> {
    const args = ["bootdev", IPMI_BOOT_DEVICE[device]];
    if (options.persistent) args.push("options=persistent");
    await this.chassis("set-boot-device", args);
  }

  /** The argument list (without the password) and environment of one ipmitool call. */
  commandLine(args: readonly string[]): { readonly argv: string[]; readonly env: NodeJS.ProcessEnv } {
    const d = this.def;
    const timeout = String(Math.max(1, Math.ceil((d.timeoutSeconds ?? 10) / 3)));
    const argv = ["-v", "-I", "lanplus", "-C", "3", "-H", d.address, "-p", String(d.port ?? DEFAULT_BMC_PORT.ipmi), "-U", d.username, "-N", timeout, "-R", "2"];
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (d.passwordFile !== undefined) argv.push("-f", d.passwordFile);
    else { argv.push("-E"); env.IPMI_PASSWORD = d.password; }
    return { argv: [...argv, "chassis", ...args], env };
  }

  private chassis(step: string, args: readonly string[]): Promise<string> {
    const { argv, env } = this.commandLine(args);
    const where = `${this.hostName}:bmc:${step}`;
    this.logger.debug(`ipmitool ${argv.join(" ")}`);
    return new Promise((resolve, reject) => {
      execFile(this.ipmitool, argv, { env, timeout: ((this.def.timeoutSeconds ?? 10) + 5) * 1000 }, (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const text = this.logger.redactor.redact(`${stderr}`.split("\n").filter((l) => l.trim() && !/IANA PEN/.test(l)).join("\n") || err.message);
        if ((err as NodeJS.ErrnoException).code === "ENOENT") {
          return reject(new PolyvisorError("BmcClientMissing", "the ipmitool client is not installed", { where, fix: "apt-get install ipmitool" }));
        }
        const failure = IPMI_FAILURES.find((f) => f.pattern.test(text));
        reject(new PolyvisorError(failure?.code ?? "BmcCommandFailed",
          `IPMI ${step} failed on ${this.def.address}:${this.def.port ?? DEFAULT_BMC_PORT.ipmi}`,
          { where, value: text.split("\n").slice(-3).join(" | "), fix: failure?.fix ?? "run the same ipmitool command by hand to see the BMC's answer" }));
      });
    });
  }
}
