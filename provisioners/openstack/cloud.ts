// One connected cloud: a keystone session and a client per service, created on first use. This is
// what the CLI, the provider's API resources and the operations layer hold.

import { Cinder } from "./cinder";
import type { OpenStackCredentials } from "./credentials";
import { Glance } from "./glance";
import { KeystoneSession, type SessionOptions } from "./keystone";
import { Neutron } from "./neutron";
import { Aggregates, ComputeClient, Flavors, Infrastructure, Servers, VolumeAttachments } from "./nova";
import { Placement } from "./placement";

export class OpenStackCloud {
  readonly session: KeystoneSession;
  readonly compute: ComputeClient;
  readonly servers: Servers;
  readonly volumeAttachments: VolumeAttachments;
  readonly flavors: Flavors;
  readonly aggregates: Aggregates;
  readonly infrastructure: Infrastructure;
  readonly images: Glance;
  readonly network: Neutron;
  readonly volumes: Cinder;
  readonly placement: Placement;

  constructor(credentials: OpenStackCredentials, options: SessionOptions & { readonly computeMicroversion?: string } = {}) {
    this.session = new KeystoneSession(credentials, options);
    this.compute = new ComputeClient(this.session, options.computeMicroversion);
    this.servers = new Servers(this.compute);
    this.volumeAttachments = new VolumeAttachments(this.compute);
    this.flavors = new Flavors(this.compute);
    this.aggregates = new Aggregates(this.compute);
    this.infrastructure = new Infrastructure(this.compute);
    this.images = new Glance(this.session);
    this.network = new Neutron(this.session);
    this.volumes = new Cinder(this.session);
    this.placement = new Placement(this.session);
  }
}
