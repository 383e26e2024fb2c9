// The root of a cloud definition: one Terraform stack holding the hosts, the control plane, the
// compute nodes and everything the APIs serve, for one OpenStack release and region.
import { Construct, IConstruct } from "constructs";
import type { NetworkType } from "../provisioners/drivers/driver";
import { Release, assertRelease } from "../provisioners/drivers/release";
import { PolyvisorError } from "../provisioners/errors";
import { ApiAuth, PolyvisorProvider } from "./private/bindings";
import { Aspects, TerraformStack } from "./private/cdktf";
import { CloudContext, markCloud } from "./private/cloud-lookup";
import { RenderConfig } from "./private/render/render-config";
import { addCloudOutputs } from "./private/cloud-outputs";
import { SecretStore } from "./private/secret-store";
import { Problem, addCheck, fail } from "./private/validation";
import { ComputeNode, ComputeNodeOptions } from "./compute-node";
import { ControlPlane } from "./control-plane";
import { Host, HostOptions } from "./host";
import { HostAggregate, HostAggregateOptions } from "./compute/aggregate";
import { Flavor, FlavorOptions } from "./compute/flavor";
import { Instance, InstanceOptions } from "./compute/instance";
import { Image, ImageOptions } from "./image/image";
import { Inventory } from "./inventory/inventory";
import { PhysicalNetwork, PhysicalNetworkOptions } from "./network/physical-network";
import { FlatNetwork, FlatNetworkOptions, ProviderNetwork, VlanNetwork, VlanNetworkOptions } from "./network/provider-network";
import { GlanceStore } from "./storage/glance-store";
import { OpenvswitchOptions } from "./network/openvswitch";
import { VolumeBackend, VolumeBackendOptions } from "./storage/volume-backend";

export interface OpenStackCloudProps {
  /** Target OpenStack release: mitaka, ussuri, zed, 2023.1, 2026.1, ... */
  readonly release: Release;
  /** Region name (default RegionOne). */
  readonly region?: string;
  /** Hosts to add from an inventory file; refer to them by name afterwards. */
  readonly inventory?: Inventory;
  /** Host of the control plane: a Host, its inventory name, or options for a new host. */
  readonly controller: Host | HostOptions | string;
  /** Address the API endpoints are published on (default the controller's address). */
  readonly publicAddress?: string;
  /** Neutron tenant network types (ml2 `tenant_network_types`, default vlan). */
  readonly tenantNetworkTypes?: readonly NetworkType[];
  /** Neutron security groups on instance ports (default true). */
  readonly securityGroups?: boolean;
  /** Glance stores; the first is the default store (default a file store). */
  readonly glanceStores?: readonly GlanceStore[];
  /** Open vSwitch settings of every host (datapath type, ovsdb connection). */
  readonly openvswitch?: OpenvswitchOptions;
  /** Hosts the provider works on at once (default 8). */
  readonly parallelism?: number;
}

/** Options of `addAvailabilityZonePerHypervisor`. */
export interface ZonePerHypervisorOptions {
  /** Names the aggregate and zone of a driver (default `az-<driver id>`). */
  readonly nameOf?: (hypervisorType: string, driverId: string) => string;
}

export class OpenStackCloud extends TerraformStack implements CloudContext {
  readonly release: Release;
  readonly region: string;
  readonly tenantNetworkTypes: readonly NetworkType[];
  readonly securityGroups: boolean;
  readonly glanceStores: readonly GlanceStore[];
  readonly openvswitch: OpenvswitchOptions;
  readonly controlPlane: ControlPlane;
  readonly secrets: SecretStore;

  private readonly hostScope: Construct;
  private readonly computeScope: Construct;
  private readonly aggregateScope: Construct;
  private readonly flavorScope: Construct;
  private readonly instanceScope: Construct;
  private readonly imageScope: Construct;
  private readonly networkScope: Construct;
  private readonly storageScope: Construct;
  private readonly registry = {
    hosts: [] as Host[],
    computeNodes: [] as ComputeNode[],
    aggregates: [] as HostAggregate[],
    physicalNetworks: [] as PhysicalNetwork[],
    providerNetworks: [] as ProviderNetwork[],
    volumeBackends: [] as VolumeBackend[],
    instances: [] as Instance[],
  };

  constructor(scope: Construct, id: string, props: OpenStackCloudProps) {
    super(scope, id);
    markCloud(this);
    this.release = assertRelease(props.release, `${this.node.path} (prop release)`);
    this.region = props.region ?? "RegionOne";
    this.tenantNetworkTypes = props.tenantNetworkTypes ?? ["vlan"];
    this.securityGroups = props.securityGroups ?? true;
    this.glanceStores = props.glanceStores ?? [GlanceStore.file()];
    this.openvswitch = props.openvswitch ?? {};
    if (this.glanceStores.length === 0) {
      fail(this, { code: "NoGlanceStore", summary: "the cloud needs at least one Glance store", prop: "glanceStores", value: [], fix: "add GlanceStore.file() or another store" });
    }
    new PolyvisorProvider(this, "polyvisor", { parallelism: props.parallelism });
    this.secrets = new SecretStore(this, "Secrets");
    for (const secret of this.glanceStores.flatMap((s) => s.externalSecrets)) this.markExternalSecret(secret);
    this.hostScope = new Construct(this, "Hosts");
    this.computeScope = new Construct(this, "Compute");
    this.aggregateScope = new Construct(this, "Aggregates");
    this.flavorScope = new Construct(this, "Flavors");
    this.instanceScope = new Construct(this, "Instances");
    this.imageScope = new Construct(this, "Images");
    this.networkScope = new Construct(this, "Networks");
    this.storageScope = new Construct(this, "Storage");

    for (const h of props.inventory?.hosts ?? []) this.addHost(h.name, h);
    const controller =
      typeof props.controller === "string" || props.controller instanceof Host
        ? props.controller
        : this.addHost(props.controller.name, props.controller);
    this.controlPlane = new ControlPlane(this, "ControlPlane", { host: controller, publicAddress: props.publicAddress });
    addCheck(this, () => this.duplicateHosts());
    Aspects.of(this).add(new RenderConfig(this));
    addCloudOutputs(this);
  }

  // ---- what the parts read (CloudContext) ----
  get hosts(): readonly Host[] { return this.registry.hosts; }
  get computeNodes(): readonly ComputeNode[] { return this.registry.computeNodes; }
  get aggregates(): readonly HostAggregate[] { return this.registry.aggregates; }
  get physicalNetworks(): readonly PhysicalNetwork[] { return this.registry.physicalNetworks; }
  get providerNetworks(): readonly ProviderNetwork[] { return this.registry.providerNetworks; }
  get volumeBackends(): readonly VolumeBackend[] { return this.registry.volumeBackends; }
  get apiAuth(): ApiAuth { return this.controlPlane.apiAuth; }

  sensitiveVariable(name: string, description: string): string {
    return this.secrets.variable(name, description);
  }

  markExternalSecret(name: string): void {
    this.secrets.markExternal(name);
  }

  resolveHost(ref: Host | string, where: IConstruct, prop: string): Host {
    if (typeof ref !== "string") return ref;
    const h = this.registry.hosts.find((x) => x.name === ref);
    if (!h) {
      throw new PolyvisorError("UndefinedHost", "no host of that name in the cloud or its inventory", {
        where: `${where.node.path} (prop ${prop})`,
        value: ref,
        allowed: this.registry.hosts.map((x) => x.name).join(", ") || "(no hosts yet)",
        fix: "add the host to the inventory (or with cloud.addHost) before referring to it",
      });
    }
    return h;
  }

  /** Called by every part's constructor: keeps the lists the checks and renderers read. */
  register(part: IConstruct): void {
    const lists: [(x: IConstruct) => boolean, IConstruct[]][] = [
      [(x) => x instanceof Host, this.registry.hosts],
      [(x) => x instanceof ComputeNode, this.registry.computeNodes],
      [(x) => x instanceof HostAggregate, this.registry.aggregates],
      [(x) => x instanceof PhysicalNetwork, this.registry.physicalNetworks],
      [(x) => x instanceof ProviderNetwork, this.registry.providerNetworks],
      [(x) => x instanceof VolumeBackend, this.registry.volumeBackends],
    ];
    for (const [is, list] of lists) if (is(part) && !list.includes(part)) list.push(part);
  }

  // ---- building the cloud ----
  /** A host by name (from the inventory or added before). */
  host(name: string): Host {
    return this.resolveHost(name, this, "host");
  }

  addHost(id: string, options: HostOptions): Host {
    return new Host(this.hostScope, id, options);
  }

  addComputeNode(id: string, options: ComputeNodeOptions): ComputeNode {
    return new ComputeNode(this.computeScope, id, options);
  }

  addAggregate(id: string, options: HostAggregateOptions): HostAggregate {
    return new HostAggregate(this.aggregateScope, id, options);
  }

  /**
   * One aggregate and availability zone per hypervisor type among the compute nodes added so far,
   * keyed by driver id. Metadata `hypervisor=<type>` lets flavors and images target each one.
   */
  addAvailabilityZonePerHypervisor(options: ZonePerHypervisorOptions = {}): ReadonlyMap<string, HostAggregate> {
    const nameOf = options.nameOf ?? ((_type: string, driverId: string) => `az-${driverId}`);
    const byDriver = new Map<string, HostAggregate>();
    for (const node of this.registry.computeNodes) {
      let agg = byDriver.get(node.driverId);
      if (!agg) {
        const name = nameOf(node.driver.hypervisorType, node.driverId);
        agg = this.addAggregate(`zone-${node.driverId}`, { name, availabilityZone: name, metadata: { hypervisor: node.driverId } });
        byDriver.set(node.driverId, agg);
      }
      agg.addComputeNode(node);
    }
    return byDriver;
  }

  addFlavor(id: string, options: FlavorOptions): Flavor {
    return new Flavor(this.flavorScope, id, options);
  }

  /** A server launched by the deploy itself (see Instance). */
  addInstance(id: string, options: InstanceOptions): Instance {
    const instance = new Instance(this.instanceScope, id, options);
    this.registry.instances.push(instance);
    return instance;
  }

  get instances(): readonly Instance[] { return this.registry.instances; }

  addImage(id: string, options: ImageOptions): Image {
    return new Image(this.imageScope, id, options);
  }

  addPhysicalNetwork(id: string, options: PhysicalNetworkOptions): PhysicalNetwork {
    return new PhysicalNetwork(this.networkScope, id, options);
  }

  addVlanNetwork(id: string, options: VlanNetworkOptions): VlanNetwork {
    return new VlanNetwork(this.networkScope, id, options);
  }

  addFlatNetwork(id: string, options: FlatNetworkOptions): FlatNetwork {
    return new FlatNetwork(this.networkScope, id, options);
  }

  addVolumeBackend(id: string, options: VolumeBackendOptions): VolumeBackend {
    return new VolumeBackend(this.storageScope, id, options);
  }

  private duplicateHosts(): Problem[] {
    const out: Problem[] = [];
    for (const key of ["name", "address"] as const) {
      const seen = new Map<string, Host>();
      for (const h of this.registry.hosts) {
        const first = seen.get(h[key]);
        if (first) {
          out.push({
            code: key === "name" ? "DuplicateHostName" : "DuplicateHostAddress",
            summary: `hosts ${first.node.path} and ${h.node.path} have the same ${key}`,
            prop: `hosts.${key}`, value: h[key], allowed: `a distinct ${key} per host`, fix: `change the ${key} of one of them`,
          });
        } else {
          seen.set(h[key], h);
        }
      }
    }
    return out;
  }
}
