// The OpenStack control plane of the cloud: database, queue, keystone, placement, nova, glance,
// neutron and cinder on one host, with the endpoints every API resource is wired to.
import { Construct } from "constructs";
import type { IniOverrides } from "../provisioners/config/render-ini";
import { ApiAuth, ControlPlaneResource } from "./private/bindings";
import { Lazy } from "./private/cdktf";
import { findCloud } from "./private/cloud-lookup";
import { controlPlaneRecipe, resourceProcedure } from "./private/render/role-recipe";
import { Host } from "./host";

export interface ControlPlaneOptions {
  /** Host the control plane runs on: a Host or its inventory name. */
  readonly host: Host | string;
  /** Address the API endpoints are published on (default the host's address). */
  readonly publicAddress?: string;
  /** Explicit overrides per rendered file path, applied last. */
  readonly overrides?: Readonly<Record<string, IniOverrides>>;
}
export interface ControlPlaneProps extends ControlPlaneOptions {}

/** Service endpoints of the control plane (public URLs). */
export interface Endpoints {
  readonly identity: string;
  readonly compute: string;
  readonly placement: string;
  readonly image: string;
  readonly network: string;
  readonly volume: string;
}

/** What each OpenStack service of the control plane brings: Debian packages and the services they run. */
export const CONTROL_PLANE_SERVICES: Readonly<Record<string, { readonly packages: readonly string[]; readonly services: readonly string[] }>> = {
  infrastructure: { packages: ["mariadb-server", "python3-pymysql", "rabbitmq-server", "memcached"], services: ["mariadb", "rabbitmq-server", "memcached"] },
  keystone: { packages: ["keystone"], services: ["keystone"] },
  placement: { packages: ["placement-api"], services: ["placement-api"] },
  nova: { packages: ["nova-api", "nova-conductor", "nova-scheduler", "nova-novncproxy"], services: ["nova-api", "nova-conductor", "nova-scheduler", "nova-novncproxy"] },
  glance: { packages: ["glance-api"], services: ["glance-api"] },
  neutron: {
    packages: ["neutron-server", "neutron-openvswitch-agent", "neutron-dhcp-agent", "neutron-metadata-agent", "openvswitch-switch"],
    services: ["neutron-server", "neutron-openvswitch-agent", "neutron-dhcp-agent", "neutron-metadata-agent", "openvswitch-switch"],
  },
  cinder: { packages: ["cinder-api", "cinder-scheduler", "cinder-volume"], services: ["cinder-api", "cinder-scheduler", "cinder-volume"] },
};

export class ControlPlane extends Construct {
  readonly host: Host;
  readonly publicAddress: string;
  readonly endpoints: Endpoints;
  readonly resource: ControlPlaneResource;
  readonly overrides: Readonly<Record<string, IniOverrides>>;

  constructor(scope: Construct, id: string, props: ControlPlaneProps) {
    super(scope, id);
    const cloud = findCloud(this);
    this.host = cloud.resolveHost(props.host, this, "host");
    this.publicAddress = props.publicAddress ?? this.host.address;
    this.overrides = props.overrides ?? {};
    const a = this.publicAddress.includes(":") ? `[${this.publicAddress}]` : this.publicAddress;
    this.endpoints = {
      identity: `http://${a}:5000/v3`,
      compute: `http://${a}:8774/v2.1`,
      placement: `http://${a}:8778`,
      image: `http://${a}:9292`,
      network: `http://${a}:9696`,
      volume: `http://${a}:8776/v3`,
    };
    this.resource = new ControlPlaneResource(this, "Resource", {
      region: cloud.region,
      release: cloud.release,
      publicAddress: this.publicAddress,
      hostId: this.host.hostId,
      hostConnection: this.host.sshConnection,
      servicesEnabled: Lazy.listValue({ produce: () => this.enabledServices() }),
      packages: Lazy.listValue({ produce: () => [...(this.procedure()?.packages ?? this.enabledServices().flatMap((s) => CONTROL_PLANE_SERVICES[s].packages))] }),
      services: Lazy.listValue({ produce: () => [...(this.procedure()?.services ?? this.enabledServices().flatMap((s) => CONTROL_PLANE_SERVICES[s].services))] }),
      bootstrapCommands: Lazy.listValue({ produce: () => this.procedure() && [...this.procedure()!.bootstrapCommands] }),
      healthChecks: Lazy.listValue({ produce: () => this.procedure() && [...this.procedure()!.healthChecks] }),
    });
  }

  /**
   * What the proven role recipe of the cloud's release (provisioners/roles) brings: packages,
   * bootstrap commands, services in start order and health checks. Undefined where no recipe was
   * proven for the release: the service table above then gives packages and services only.
   */
  procedure(): ReturnType<typeof resourceProcedure> | undefined {
    const bound = controlPlaneRecipe(findCloud(this));
    return bound ? resourceProcedure(bound) : undefined;
  }

  /** Every service but Cinder, which runs only when the cloud has volume backends. */
  enabledServices(): string[] {
    const cinder = findCloud(this).volumeBackends.length > 0;
    return Object.keys(CONTROL_PLANE_SERVICES).filter((s) => s !== "cinder" || cinder);
  }

  /** Credentials for the API resources (aggregates, flavors, images, networks, volume types). */
  get apiAuth(): ApiAuth {
    return {
      authUrl: this.resource.keystoneUrl,
      password: this.resource.adminPassword,
      region: findCloud(this).region,
    };
  }
}
