// A Neutron provider network on a physnet: VLAN (a segment of a physnet) or flat (the untagged physnet).
import { Construct } from "constructs";
import { NetworkResource } from "../private/bindings";
import { findCloud } from "../private/cloud-lookup";
import { Problem, addCheck, fail } from "../private/validation";
import { PhysicalNetwork } from "./physical-network";
import { VLAN_ID_MAX, VLAN_ID_MIN, isVlanId } from "./vlan-range";

export type ProviderNetworkType = "vlan" | "flat";

interface CommonNetworkOptions {
  /** Network name in Neutron, unique in the cloud. */
  readonly name: string;
  /** The physnet: a PhysicalNetwork of the cloud, or its name. */
  readonly physicalNetwork: PhysicalNetwork | string;
  readonly cidr?: string;
  readonly gatewayIp?: string;
  readonly enableDhcp?: boolean;
  readonly shared?: boolean;
}

export interface VlanNetworkOptions extends CommonNetworkOptions {
  /** VLAN id (`provider:segmentation_id`). */
  readonly segmentationId: number;
}
export interface VlanNetworkProps extends VlanNetworkOptions {}

export interface FlatNetworkOptions extends CommonNetworkOptions {}
export interface FlatNetworkProps extends FlatNetworkOptions {}

export abstract class ProviderNetwork extends Construct {
  readonly name: string;
  readonly networkType: ProviderNetworkType;
  readonly segmentationId?: number;
  readonly resource: NetworkResource;
  private readonly physnetRef: PhysicalNetwork | string;

  protected constructor(scope: Construct, id: string, type: ProviderNetworkType, props: CommonNetworkOptions & { segmentationId?: number }) {
    super(scope, id);
    this.name = props.name;
    this.networkType = type;
    this.segmentationId = props.segmentationId;
    this.physnetRef = props.physicalNetwork;
    this.resource = new NetworkResource(this, "Resource", {
      name: props.name,
      networkType: type,
      physicalNetwork: this.physicalNetworkName,
      segmentationId: props.segmentationId,
      cidr: props.cidr,
      gatewayIp: props.gatewayIp,
      enableDhcp: props.enableDhcp,
      shared: props.shared,
      auth: findCloud(this).apiAuth,
    });
    addCheck(this, () => this.crossChecks());
    findCloud(this).register(this);
  }

  get physicalNetworkName(): string {
    return typeof this.physnetRef === "string" ? this.physnetRef : this.physnetRef.name;
  }

  private crossChecks(): Problem[] {
    const cloud = findCloud(this);
    const out: Problem[] = [];
    const physnets = cloud.physicalNetworks.map((p) => p.name);
    if (!physnets.includes(this.physicalNetworkName)) {
      out.push({
        code: "UndefinedPhysicalNetwork", summary: "network is on a physnet the cloud does not define", prop: "physicalNetwork",
        value: this.physicalNetworkName, allowed: physnets.join(", ") || "(no physnets defined)",
        fix: "add it with cloud.addPhysicalNetwork(...) or use one of the physnets above",
      });
    }
    const sameName = cloud.providerNetworks.find((n) => n.name === this.name);
    if (sameName && sameName !== this) {
      out.push({
        code: "DuplicateNetworkName", summary: "two networks have the same name", prop: "name", value: this.name,
        allowed: "unique network names", fix: `rename this network or ${sameName.node.path}`,
      });
    }
    if (this.segmentationId !== undefined) {
      const clash = cloud.providerNetworks.find(
        (n) => n.segmentationId === this.segmentationId && n.physicalNetworkName === this.physicalNetworkName,
      );
      if (clash && clash !== this) {
        out.push({
          code: "DuplicateVlanId", summary: `VLAN ${this.segmentationId} is used twice on physnet ${this.physicalNetworkName}`,
          prop: "segmentationId", value: this.segmentationId, allowed: "one network per VLAN id and physnet",
          fix: `pick another VLAN id or remove ${clash.node.path}`,
        });
      }
    }
    return out;
  }
}

export class VlanNetwork extends ProviderNetwork {
  constructor(scope: Construct, id: string, props: VlanNetworkProps) {
    super(scope, id, "vlan", props);
    if (!isVlanId(props.segmentationId)) {
      fail(this, {
        code: "VlanIdOutOfRange", summary: "VLAN id is outside the 802.1Q range", prop: "segmentationId",
        value: props.segmentationId, allowed: `integers ${VLAN_ID_MIN}..${VLAN_ID_MAX}`,
        fix: "use the VLAN id the physnet's switches carry for this network",
      });
    }
  }
}

export class FlatNetwork extends ProviderNetwork {
  constructor(scope: Construct, id: string, props: FlatNetworkProps) {
    super(scope, id, "flat", props);
  }
}
