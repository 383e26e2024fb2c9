// Finding the cloud a construct belongs to, and what its parts may ask of it, without an import
// cycle between the cloud and its parts (only types are imported here).
import { IConstruct } from "constructs";
import { PolyvisorError } from "../../provisioners/errors";
import type { NetworkType } from "../../provisioners/drivers/driver";
import type { Release } from "../../provisioners/drivers/release";
import type { GlanceStore } from "../storage/glance-store";
import type { OpenvswitchOptions } from "../network/openvswitch";
import type { ApiAuth } from "./bindings";
import type { Host } from "../host";
import type { ComputeNode } from "../compute-node";
import type { HostAggregate } from "../compute/aggregate";
import type { PhysicalNetwork } from "../network/physical-network";
import type { ProviderNetwork } from "../network/provider-network";
import type { VolumeBackend } from "../storage/volume-backend";
import type { ControlPlane } from "../control-plane";

/** What the parts of a cloud read from it. OpenStackCloud implements this. */
export interface CloudContext {
  readonly release: Release;
  readonly region: string;
  readonly apiAuth: ApiAuth;
  readonly controlPlane: ControlPlane;
  readonly tenantNetworkTypes: readonly NetworkType[];
  readonly securityGroups: boolean;
  readonly glanceStores: readonly GlanceStore[];
  readonly openvswitch: OpenvswitchOptions;
  readonly hosts: readonly Host[];
  readonly computeNodes: readonly ComputeNode[];
  readonly aggregates: readonly HostAggregate[];
  readonly physicalNetworks: readonly PhysicalNetwork[];
  readonly providerNetworks: readonly ProviderNetwork[];
  readonly volumeBackends: readonly VolumeBackend[];
  /** Resolves a host given by name (from the inventory or added before). */
  resolveHost(ref: Host | string, where: IConstruct, prop: string): Host;
  /** Parts register themselves on construction so the cloud can list them without a tree walk. */
  register(part: IConstruct): void;
  /** A sensitive Terraform variable of the stack (TF_VAR_<name>), created once per name. */
  sensitiveVariable(name: string, description: string): string;
  /** Declares a secret the operator supplies (a credential of a system outside the cloud). */
  markExternalSecret(name: string): void;
}

const CLOUD_MARK = Symbol.for("polyvisor.OpenStackCloud");

export function markCloud(c: IConstruct): void {
  Object.defineProperty(c, CLOUD_MARK, { value: true });
}

export function findCloud(scope: IConstruct): CloudContext {
  for (const c of scope.node.scopes.slice().reverse()) {
    if ((c as unknown as Record<symbol, unknown>)[CLOUD_MARK] === true) return c as unknown as CloudContext;
  }
  throw new PolyvisorError("NotInCloud", "construct is not inside an OpenStackCloud", {
    where: scope.node.path,
    fix: "create it with the cloud's add* methods, or pass the cloud (or one of its children) as scope",
  });
}
