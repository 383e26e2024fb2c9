// A server the cloud definition itself launches (a smoke instance per hypervisor, a long-lived
// service VM): image and flavor from the model, so it lands where they are pinned, and the driver
// of that aggregate declared so the provider gates its power state on what the driver can do.
import { Construct } from "constructs";
import { InstanceResource } from "../private/bindings";
import { findCloud } from "../private/cloud-lookup";
import { Flavor } from "./flavor";
import { Image } from "../image/image";

export type InstancePowerState = "active" | "shutoff" | "paused" | "suspended" | "shelved";

export interface InstanceOptions {
  readonly name: string;
  readonly image: Image;
  readonly flavor: Flavor;
  /** Desired power state (default active). */
  readonly powerState?: InstancePowerState;
}
export interface InstanceProps extends InstanceOptions {}

export class Instance extends Construct {
  readonly name: string;
  readonly resource: InstanceResource;

  constructor(scope: Construct, id: string, props: InstanceProps) {
    super(scope, id);
    const cloud = findCloud(this);
    this.name = props.name;
    // The flavor's aggregate decides the hypervisor; every node in it shares one driver when the
    // aggregate came from addAvailabilityZonePerHypervisor.
    const drivers = [...new Set((props.flavor.aggregate?.computeNodes ?? []).map((n) => n.driverId))];
    this.resource = new InstanceResource(this, "Resource", {
      name: props.name,
      imageId: props.image.resource.id,
      flavorId: props.flavor.resource.id,
      driver: drivers.length === 1 ? drivers[0] : undefined,
      release: cloud.release,
      availabilityZone: props.flavor.aggregate?.availabilityZone,
      powerState: props.powerState,
      auth: cloud.apiAuth,
      // The flavor pins the server to its aggregate's zone: the aggregate (and so its nodes) first.
      dependsOn: props.flavor.aggregate ? [props.flavor.aggregate.resource] : undefined,
    });
  }

  get id(): string {
    return this.resource.id;
  }
}
