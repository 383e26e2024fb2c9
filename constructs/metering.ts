// Metering is part of a compute node: the Ceilometer compute agent polls the hypervisor through
// the inspector its driver has, or the node says plainly that there is none.
import type { DriverDefinition, MeteringInspector } from "../provisioners/drivers/driver";

export type Metering =
  | { readonly available: true; readonly inspector: MeteringInspector }
  | { readonly available: false; readonly reason: string };

export function meteringOf(driver: DriverDefinition<unknown>): Metering {
  return driver.meteringInspector
    ? { available: true, inspector: driver.meteringInspector }
    : { available: false, reason: driver.meteringNote ?? `no Ceilometer compute inspector exists for ${driver.title}` };
}
