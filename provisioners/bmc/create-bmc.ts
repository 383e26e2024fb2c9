// Picks the Bmc implementation for a definition.

import { PolyvisorError } from "../errors";
import { Logger } from "../ssh/redact";
import { Bmc, BmcDefinition, BmcType } from "./bmc";
import { IpmiBmc } from "./ipmi";
import { RedfishBmc } from "./redfish";

const IMPLEMENTATIONS: { readonly [t in BmcType]: new (hostName: string, def: BmcDefinition, logger?: Logger) => Bmc } = {
  ipmi: IpmiBmc,
  redfish: RedfishBmc,
};

export function createBmc(hostName: string, def: BmcDefinition, logger?: Logger): Bmc {
  const Impl = IMPLEMENTATIONS[def.type];
  if (!Impl) {
    throw new PolyvisorError("BmcTypeUnknown", "unknown BMC type", { where: `${hostName}.bmc.type`, value: def.type, allowed: Object.keys(IMPLEMENTATIONS).join(", ") });
  }
  return new Impl(hostName, def, logger);
}
