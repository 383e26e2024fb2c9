// Redfish (DMTF DSP0266) power control over HTTPS: ComputerSystem.PowerState, the
// #ComputerSystem.Reset action and the Boot source override. Basic authentication per request.

import { request } from "node:https";
import { PolyvisorError } from "../errors";
import { Logger, silentLogger } from "../ssh/redact";
import { BootDevice, Bmc, BmcDefinition, DEFAULT_BMC_PORT, PowerState } from "./bmc";

/** Redfish BootSourceOverrideTarget values for our boot devices. */
export const REDFISH_BOOT_TARGET: { readonly [d in BootDevice]: string } = { disk: "Hdd", pxe: "Pxe", cdrom: "Cd", bios: "BiosSetup" };

/** Redfish PowerState values; transitional states count as where they are heading. */
export const REDFISH_POWER_STATE: { readonly [state: string]: PowerState } = { On: "on", PoweringOn: "on", Off: "off", PoweringOff: "off", Paused: "on" };

/** ResetType to use for a power cycle, in order of preference, by current state. */
export const REDFISH_CYCLE_RESET: { readonly [s in PowerState]: readonly string[] } = {
  on: ["PowerCycle", "ForceRestart"],
  off: ["On"],
};

interface ComputerSystem {
  readonly PowerState?: string;
  readonly Actions?: { readonly "#ComputerSystem.Reset"?: { readonly target?: string; readonly "ResetType@Redfish.AllowableValues"?: readonly string[] } };
}

interface HttpResult { readonly status: number; readonly body: unknown; readonly etag?: string }

export class RedfishBmc implements Bmc {
  private readonly logger: Logger;
  private systemPath?: string;

  constructor(readonly hostName: string, private readonly def: BmcDefinition, logger: Logger = silentLogger()) {
    if (def.password === undefined) {
      throw new PolyvisorError("BmcPasswordMissing", "the Redfish BMC has no password", { where: `${hostName}.bmc`, fix: "set bmc.password (sensitive)" });
    }
    this.logger = logger.with({ host: hostName });
    this.logger.redactor.add(def.password, Buffer.from(`${def.username}:${def.password}`).toString("base64"));
  }

  async powerOn(): Promise<void> { await this.reset("power-on", ["On"]); }
  async powerOff(): Promise<void> { await this.reset("power-off", ["ForceOff"]); }
  async powerCycle(): Promise<void> { await this.reset("power-cycle", REDFISH_CYCLE_RESET[await this.powerStatus()]); }

  async powerStatus(): Promise<PowerState> {
    const system = (await this.system("power-status")).body as ComputerSystem;
    const state = system.PowerState !== undefined ? REDFISH_POWER_STATE[system.PowerState] : undefined;
    if (!state) throw new PolyvisorError("BmcBadResponse", "ComputerSystem.PowerState is missing or unknown", { where: `${this.hostName}:bmc:power-status`, value: system.PowerState });
    return state;
  }

  async setBootDevice(device: BootDevice, options: { readonly persistent?: boolean } = {}): Promise<void> {
    const { etag } = await this.system("set-boot-device");
    const body = { Boot: { BootSourceOverrideTarget: REDFISH_BOOT_TARGET[device], BootSourceOverrideEnabled: options.persistent ? "Continuous" : "Once" } };
    await this.call("set-boot-device", "PATCH", await this.resolveSystemPath("set-boot-device"), body, etag);
  }

  private async reset(step: string, preferred: readonly string[]): Promise<void> {
    const system = (await this.system(step)).body as ComputerSystem;
    const action = system.Actions?.["#ComputerSystem.Reset"];
    if (!action?.target) throw new PolyvisorError("BmcBadResponse", "the ComputerSystem has no #ComputerSystem.Reset action", { where: `${this.hostName}:bmc:${step}` });
    const allowed = action["ResetType@Redfish.AllowableValues"];
    const resetType = allowed ? preferred.find((t) => allowed.includes(t)) : preferred[0];
    if (!resetType) {
      throw new PolyvisorError("BmcOperationNotSupported", `the BMC allows none of the reset types ${preferred.join(", ")}`, {
        where: `${this.hostName}:bmc:${step}`, allowed: allowed?.join(", "),
      });
    }
    await this.call(step, "POST", action.target, { ResetType: resetType });
  }

  private async system(step: string): Promise<HttpResult> {
    return this.call(step, "GET", await this.resolveSystemPath(step));
  }

  private async resolveSystemPath(step: string): Promise<string> {
    if (this.systemPath) return this.systemPath;
    if (this.def.systemId) return (this.systemPath = `/redfish/v1/Systems/${encodeURIComponent(this.def.systemId)}`);
    const members = ((await this.call(step, "GET", "/redfish/v1/Systems")).body as { Members?: Array<{ "@odata.id": string }> }).Members ?? [];
    if (members.length !== 1) {
      throw new PolyvisorError("BmcSystemAmbiguous", `the BMC manages ${members.length} systems`, {
        where: `${this.hostName}.bmc.system_id`, value: members.map((m) => m["@odata.id"]), fix: "set bmc.systemId to the ComputerSystem id of this host",
      });
    }
    return (this.systemPath = members[0]["@odata.id"]);
  }

  private call(step: string, method: string, path: string, body?: unknown, etag?: string): Promise<HttpResult> {
    const d = this.def;
    const where = `${this.hostName}:bmc:${step}`;
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      Accept: "application/json",
      "OData-Version": "4.0",
      Authorization: `Basic ${Buffer.from(`${d.username}:${d.password}`).toString("base64")}`,
      ...(payload ? { "Content-Type": "application/json", "Content-Length": String(payload.length) } : {}),
      ...(etag ? { "If-Match": etag } : {}),
    };
    this.logger.debug(`redfish ${method} ${path}`);
    return new Promise((resolve, reject) => {
      const req = request({
        host: d.address, port: d.port ?? DEFAULT_BMC_PORT.redfish, method, path, headers,
        ca: d.caCertificate, rejectUnauthorized: d.insecureTls !== true, timeout: (d.timeoutSeconds ?? 10) * 1000,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          let parsed: unknown = undefined;
          try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
          if (status >= 200 && status < 300) return resolve({ status, body: parsed, etag: res.headers.etag });
          const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? text.slice(0, 200);
          reject(new PolyvisorError(status === 401 || status === 403 ? "BmcAuthFailed" : "BmcCommandFailed",
            `Redfish ${method} ${path} answered HTTP ${status}`,
            { where, value: this.logger.redactor.redact(message), fix: status === 401 ? "check bmc.username and bmc.password" : "see the BMC's message" }));
        });
      });
      req.on("timeout", () => req.destroy(Object.assign(new Error("request timed out"), { code: "ETIMEDOUT" })));
      req.on("error", (err: NodeJS.ErrnoException) => reject(new PolyvisorError("BmcUnreachable",
        `cannot reach the Redfish service at https://${d.address}:${d.port ?? DEFAULT_BMC_PORT.redfish}: ${err.message}`,
        { where, fix: "check bmc.address, bmc.port and the BMC's TLS certificate (bmc.caCertificate)" })));
      req.end(payload);
    });
  }
}
