// One nova-compute service for one hypervisor driver, with only that driver's config. Where the
// service runs follows the driver's deployment architecture (see deployment.ts).
import { Construct } from "constructs";
import type { DiskFormat, ContainerFormat, DriverDefinition, NetworkType } from "../provisioners/drivers/driver";
import { getDriver } from "../provisioners/drivers/registry";
import { describeSpan } from "../provisioners/drivers/release";
import type { IniOverrides } from "../provisioners/config/render-ini";
import { ComputeNodeResource } from "./private/bindings";
import { findCloud } from "./private/cloud-lookup";
import { Lazy } from "./private/cdktf";
import { computeNodeRecipe, resourceProcedure } from "./private/render/role-recipe";
import { Problem, addCheck, fail } from "./private/validation";
import { ComputeDeployment, agentHost } from "./deployment";
import { Host } from "./host";
import { Hypervisor } from "./hypervisor";
import { Metering, meteringOf } from "./metering";
import { ProviderNetwork } from "./network/provider-network";
import { VolumeBackend } from "./storage/volume-backend";

/** The Ceilometer compute agent (Debian package and service) that polls the hypervisor's inspector. */
const METERING_PACKAGE = "ceilometer-agent-compute";
const METERING_SERVICE = "ceilometer-agent-compute";

export interface ComputeNodeOptions {
  readonly hypervisor: Hypervisor;
  /** Host nova-compute runs on: the hypervisor host, the XenServer domU, or the proxy host. */
  readonly host: Host | string;
  /** nova's `host` name for the service (default: the host's name). */
  readonly name?: string;
  /** Provider networks instances on this node attach to (default: every network of the cloud). */
  readonly networks?: readonly (ProviderNetwork | string)[];
  /** physnet -> OVS bridge on this host, overriding each physnet's default bridge. */
  readonly bridgeMappings?: Readonly<Record<string, string>>;
  /** Cinder backends whose volumes this node attaches. */
  readonly volumeBackends?: readonly (VolumeBackend | string)[];
  readonly reservedHostMemoryMb?: number;
  readonly cpuAllocationRatio?: number;
  readonly ramAllocationRatio?: number;
  /** Run the Ceilometer compute agent when the driver has an inspector (default true). */
  readonly metering?: boolean;
  /** Explicit nova.conf overrides, applied last (`null` removes a key). */
  readonly novaOverrides?: IniOverrides;
}
export interface ComputeNodeProps extends ComputeNodeOptions {}

export class ComputeNode extends Construct {
  readonly name: string;
  readonly hypervisor: Hypervisor;
  readonly driver: DriverDefinition<unknown>;
  readonly deployment: ComputeDeployment;
  readonly metering: Metering;
  readonly resource: ComputeNodeResource;
  readonly props: ComputeNodeProps;
  /** The options the driver module renders this node's sections from. */
  readonly driverOptions: unknown;

  constructor(scope: Construct, id: string, props: ComputeNodeProps) {
    super(scope, id);
    const cloud = findCloud(this);
    this.props = props;
    this.hypervisor = props.hypervisor;
    this.driver = getDriver(props.hypervisor.driverId);
    const release = cloud.release;
    if (!this.driver.existsIn(release)) {
      fail(this, {
        code: "DriverNotInRelease", summary: `${this.driver.title} does not exist in OpenStack ${release}`,
        prop: "hypervisor", value: this.driver.id,
        allowed: this.driver.availability.map((a) => `${describeSpan(a)} (${a.tree})`).join("; "),
        fix: "choose a release in the spans above for the cloud, or another hypervisor for this node",
      });
    }
    this.deployment = this.resolveDeployment(props);
    this.driverOptions = props.hypervisor.driverOptions({
      hypervisorHost: this.deployment.kind === "in-guest" ? this.deployment.hypervisorHost : undefined,
      identityUrl: cloud.controlPlane.endpoints.identity,
    });
    for (const p of this.driver.validate(this.driverOptions, release)) {
      fail(this, { code: "InvalidHypervisorOption", summary: p.message, prop: `hypervisor.${p.option}`, value: p.value, allowed: p.allowed, fix: p.fix });
    }
    for (const name of props.hypervisor.externalSecrets) cloud.markExternalSecret(name);
    this.name = props.name ?? agentHost(this.deployment).name;
    this.metering = props.metering === false
      ? { available: false, reason: "metering turned off for this node" }
      : meteringOf(this.driver);

    const cluster = this.deployment.kind === "proxy" ? this.deployment.cluster : undefined;
    const nonApt = this.driver.packages(release).filter((p) => p.via !== "apt");
    this.resource = new ComputeNodeResource(this, "Resource", {
      name: this.name,
      driver: this.driver.id,
      computeDriver: this.driver.computeDriver(release),
      release,
      deployment: this.deployment.kind,
      hostId: agentHost(this.deployment).hostId,
      hostConnection: agentHost(this.deployment).sshConnection,
      hypervisorHostId: this.deployment.kind === "in-guest" ? this.deployment.hypervisorHost.hostId : undefined,
      // nova-compute registers with the controller's queue, placement and conductor as it starts:
      // the control plane must be up first.
      dependsOn: [cloud.controlPlane.resource],
      meteringInspector: this.metering.available ? this.metering.inspector : undefined,
      packages: Lazy.listValue({ produce: () => this.procedure() ? [...this.procedure()!.packages, ...this.meteringPackages()] : this.driverPackages(release) }),
      outOfTreeCode: nonApt.length > 0 ? nonApt.map((p) => `${p.via}:${p.name}`) : undefined,
      services: Lazy.listValue({ produce: () => this.procedure() ? [...this.procedure()!.services, ...this.meteringServices()] : this.driverServices() }),
      bootstrapCommands: Lazy.listValue({ produce: () => this.procedure() && [...this.procedure()!.bootstrapCommands] }),
      healthChecks: Lazy.listValue({ produce: () => this.procedure() && [...this.procedure()!.healthChecks] }),
      cluster: cluster === undefined ? undefined : {
        name: cluster.name,
        managerAddress: props.hypervisor.managerAddress ?? "",
        hostCount: cluster.hostCount,
        sharedStorage: cluster.sharedStorage,
      },
    });
    addCheck(this, () => this.crossChecks());
    cloud.register(this);
  }

  /**
   * What the proven role recipe for this driver and release (provisioners/roles) brings: packages,
   * bootstrap commands, services in start order and health checks. Undefined where no recipe was
   * proven: the driver data then gives packages and services only.
   */
  procedure(): ReturnType<typeof resourceProcedure> | undefined {
    const bound = computeNodeRecipe(findCloud(this), this);
    return bound ? resourceProcedure(bound) : undefined;
  }

  private driverPackages(release: string): string[] {
    return [...this.driver.packages(release as never).filter((p) => p.via === "apt").map((p) => p.name), ...this.meteringPackages()];
  }

  private driverServices(): string[] {
    return [...this.driver.services, ...this.meteringServices()];
  }

  /** The Ceilometer compute agent, on top of the driver's or the recipe's own (metering is the model's choice). */
  private meteringPackages(): string[] {
    return this.metering.available && this.driver.computeHostOs === "linux" ? [METERING_PACKAGE] : [];
  }

  private meteringServices(): string[] {
    return this.metering.available ? [METERING_SERVICE] : [];
  }

  get driverId(): DriverDefinition<unknown>["id"] {
    return this.driver.id;
  }

  /** Bare metal (Ironic) rather than a VM or container hypervisor. */
  get isBaremetal(): boolean {
    return this.driver.id === "ironic";
  }

  get supportsVolumes(): boolean {
    return this.driver.volumes.protocols.length > 0;
  }

  get acceptedDiskFormats(): readonly DiskFormat[] {
    return this.driver.acceptedDiskFormats(this.driverOptions);
  }

  get acceptedContainerFormats(): readonly ContainerFormat[] {
    return this.driver.containerFormats;
  }

  /** The provider networks this node serves (all of the cloud's unless listed). */
  get providerNetworks(): readonly ProviderNetwork[] {
    const all = findCloud(this).providerNetworks;
    if (!this.props.networks) return all;
    const names = this.props.networks.map((n) => (typeof n === "string" ? n : n.name));
    return all.filter((n) => names.includes(n.name));
  }

  get volumeBackends(): readonly VolumeBackend[] {
    const names = (this.props.volumeBackends ?? []).map((b) => (typeof b === "string" ? b : b.name));
    return findCloud(this).volumeBackends.filter((b) => names.includes(b.name));
  }

  /** physnet -> bridge for the OVS agent on this node. */
  get bridgeMappings(): Readonly<Record<string, string>> {
    const cloud = findCloud(this);
    const used = new Set(this.providerNetworks.map((n) => n.physicalNetworkName));
    const defaults = Object.fromEntries(cloud.physicalNetworks.filter((p) => used.has(p.name)).map((p) => [p.name, p.bridge]));
    return { ...defaults, ...this.props.bridgeMappings };
  }

  private resolveDeployment(props: ComputeNodeProps): ComputeDeployment {
    const cloud = findCloud(this);
    const host = cloud.resolveHost(props.host, this, "host");
    switch (this.driver.deployment) {
      case "on-host":
        return { kind: "on-host", host };
      case "proxy": {
        const cluster = props.hypervisor.cluster;
        if (cluster) this.checkCluster(cluster);
        return { kind: "proxy", proxyHost: host, cluster };
      }
      case "in-guest": {
        const ref = props.hypervisor.hypervisorHost;
        if (ref === undefined) {
          fail(this, {
            code: "MissingHypervisorHost", summary: `${this.driver.title} runs nova-compute in a guest: the bare-metal host is needed`,
            prop: "hypervisor.hypervisorHost", allowed: "a Host of the cloud or its inventory name", fix: "set hypervisorHost",
          });
        }
        const hypervisorHost = cloud.resolveHost(ref, this, "hypervisor.hypervisorHost");
        if (hypervisorHost === host) {
          fail(this, {
            code: "GuestIsHypervisorHost", summary: "nova-compute must run in a guest, not on the bare-metal hypervisor itself",
            prop: "host", value: host.name, allowed: "a guest (domU / partition) host distinct from hypervisorHost",
            fix: "add the guest as its own host and use it as the node's host",
          });
        }
        return { kind: "in-guest", guest: host, hypervisorHost };
      }
    }
  }

  private checkCluster(cluster: NonNullable<Hypervisor["cluster"]>): void {
    if (!cluster.sharedStorage) {
      fail(this, {
        code: "ClusterWithoutSharedStorage", summary: `cluster ${cluster.name} has no shared storage`,
        prop: "hypervisor.cluster.sharedStorage", value: cluster.sharedStorage,
        allowed: "the datastore (vCenter) or disk pool (z/VM) every host of the cluster sees",
        fix: "name the cluster's shared datastore or disk pool in cluster.sharedStorage",
      });
    }
    if (!Number.isInteger(cluster.hostCount) || cluster.hostCount < 1) {
      fail(this, {
        code: "InvalidClusterSize", summary: `cluster ${cluster.name} must have at least one host`,
        prop: "hypervisor.cluster.hostCount", value: cluster.hostCount, allowed: "integers >= 1", fix: "set the cluster's host count",
      });
    }
  }

  private crossChecks(): Problem[] {
    const cloud = findCloud(this);
    return [
      ...this.undefinedReferences(cloud),
      ...this.volumeProblems(),
      ...this.networkProblems(cloud.tenantNetworkTypes, cloud.securityGroups),
      ...this.duplicateName(cloud.computeNodes),
    ];
  }

  private undefinedReferences(cloud: ReturnType<typeof findCloud>): Problem[] {
    const out: Problem[] = [];
    const networkNames = cloud.providerNetworks.map((n) => n.name);
    for (const ref of this.props.networks ?? []) {
      const name = typeof ref === "string" ? ref : ref.name;
      if (!networkNames.includes(name)) {
        out.push({
          code: "UndefinedNetwork", summary: "compute node references a network the cloud does not define", prop: "networks",
          value: name, allowed: networkNames.join(", ") || "(no networks defined)", fix: "define the network or fix the name",
        });
      }
    }
    const physnets = cloud.physicalNetworks.map((p) => p.name);
    for (const physnet of Object.keys(this.props.bridgeMappings ?? {})) {
      if (!physnets.includes(physnet)) {
        out.push({
          code: "UndefinedNetwork", summary: "bridge mapping names a physnet the cloud does not define", prop: "bridgeMappings",
          value: physnet, allowed: physnets.join(", ") || "(no physnets defined)", fix: "define the physnet or fix the name",
        });
      }
    }
    const backendNames = cloud.volumeBackends.map((b) => b.name);
    for (const ref of this.props.volumeBackends ?? []) {
      const name = typeof ref === "string" ? ref : ref.name;
      if (!backendNames.includes(name)) {
        out.push({
          code: "UndefinedVolumeBackend", summary: "compute node references a Cinder backend the cloud does not define",
          prop: "volumeBackends", value: name, allowed: backendNames.join(", ") || "(no backends defined)",
          fix: "add the backend with cloud.addVolumeBackend(...) or fix the name",
        });
      }
    }
    return out;
  }

  private volumeProblems(): Problem[] {
    const protocols = this.driver.volumes.protocols;
    return this.volumeBackends.flatMap((b): Problem[] => {
      if (protocols.length === 0) {
        return [{
          code: "VolumesNotSupported", summary: `${this.driver.title} cannot attach Cinder volumes`, prop: "volumeBackends",
          value: b.name, allowed: "no volume backends on this hypervisor", fix: "remove volumeBackends from this node",
        }];
      }
      if (!protocols.includes(b.backend.protocol)) {
        return [{
          code: "VolumeProtocolNotSupported", summary: `${this.driver.title} cannot attach ${b.backend.kind} volumes (${b.backend.protocol})`,
          prop: "volumeBackends", value: b.name, allowed: protocols.join(", "), fix: "attach a backend of a protocol listed above",
        }];
      }
      return [];
    });
  }

  private networkProblems(tenantTypes: readonly NetworkType[], securityGroups: boolean): Problem[] {
    const net = this.driver.networking;
    const nsx = this.hypervisor.nsx;
    const used = new Map<NetworkType, string>();
    for (const t of tenantTypes) used.set(t, "tenant network type");
    for (const n of this.providerNetworks) used.set(n.networkType, `provider network ${n.name}`);
    const out: Problem[] = [];
    for (const [type, why] of used) {
      if (!net.types.includes(type)) {
        out.push({
          code: "NetworkTypeNotSupported", summary: `${this.driver.title} cannot plug instances into ${type} networks (${why})`,
          prop: "networks", value: type, allowed: net.types.join(", "),
          fix: "use only the network types above for this node's networks, or move the node to another hypervisor",
        });
      } else if (net.typesNeedingNsx.includes(type) && !nsx) {
        out.push({
          code: "NetworkTypeNeedsNsx", summary: `${type} networks (${why}) on ${this.driver.title} need VMware NSX as the Neutron backend`,
          prop: "hypervisor.nsx", value: type, allowed: net.types.filter((t) => !net.typesNeedingNsx.includes(t)).join(", "),
          fix: "use VLAN/flat networks, or deploy NSX and set nsx: true",
        });
      }
    }
    if (securityGroups && net.securityGroups === "needs-nsx" && !nsx) {
      out.push({
        code: "SecurityGroupsNeedNsx", summary: `security groups on ${this.driver.title} are enforced only with VMware NSX`,
        prop: "hypervisor.nsx", value: false, allowed: "nsx: true, or a cloud with securityGroups: false",
        fix: "deploy NSX and set nsx: true, or turn security groups off for the cloud",
      });
    }
    return out;
  }

  private duplicateName(nodes: readonly ComputeNode[]): Problem[] {
    const first = nodes.find((n) => n.name === this.name);
    return first && first !== this
      ? [{
          code: "DuplicateComputeNodeName", summary: "two compute nodes have the same nova host name", prop: "name", value: this.name,
          allowed: "a unique name per nova-compute service", fix: `set name on this node or on ${first.node.path}`,
        }]
      : [];
  }
}
