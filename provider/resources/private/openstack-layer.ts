// The OpenStack clients (provisioners/openstack), the operations layer (provisioners/operations)
// and the driver layer behind it are loaded on first use: terraform starts the plugin several times
// per command, and most starts never touch a cloud.
import type * as OpenStack from "../../../provisioners/openstack";
import type * as Operations from "../../../provisioners/operations";
import type * as Drivers from "../../../provisioners/drivers";

export interface OpenStackLayer {
  readonly openstack: typeof OpenStack;
  readonly operations: typeof Operations;
  readonly drivers: typeof Drivers;
}

let layer: Promise<OpenStackLayer> | undefined;

export function openstackLayer(): Promise<OpenStackLayer> {
  layer ??= (async () => ({
    openstack: await import("../../../provisioners/openstack"),
    operations: await import("../../../provisioners/operations"),
    drivers: await import("../../../provisioners/drivers"),
  }))();
  return layer;
}
