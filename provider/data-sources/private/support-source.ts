// The driver layer (provisioners/drivers) is where capabilities come from: nova's support matrix
// for the release, or a driver's own data for drivers the matrix never had. It is loaded on first
// use (about 30 ms) so that the plugin's start-up, paid several times per terraform command, stays
// short.
import type * as DriverLayer from "../../../provisioners/drivers";

let layer: typeof DriverLayer | undefined;

export async function driverLayer(): Promise<typeof DriverLayer> {
  layer ??= await import("../../../provisioners/drivers");
  return layer;
}
