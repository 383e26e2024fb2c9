// Neutron networks and subnets, including the provider attributes of flat and VLAN networks.

import type { KeystoneSession } from "./keystone";
import { ServiceClient } from "./service-client";

export interface Network {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly shared: boolean;
  readonly subnets: readonly string[];
  readonly "provider:network_type"?: string;
  readonly "provider:physical_network"?: string | null;
  readonly "provider:segmentation_id"?: number | null;
}

export interface NewNetwork {
  readonly name: string;
  readonly shared?: boolean;
  readonly "provider:network_type"?: string;
  readonly "provider:physical_network"?: string;
  readonly "provider:segmentation_id"?: number;
}

export interface Subnet {
  readonly id: string;
  readonly name: string;
  readonly network_id: string;
  readonly cidr: string;
  readonly ip_version: 4 | 6;
  readonly gateway_ip: string | null;
  readonly enable_dhcp: boolean;
}

export interface NewSubnet {
  readonly network_id: string;
  readonly cidr: string;
  readonly ip_version: 4 | 6;
  readonly name?: string;
  /** null for no gateway. */
  readonly gateway_ip?: string | null;
  readonly enable_dhcp?: boolean;
}

export class Neutron {
  private readonly api: ServiceClient;

  constructor(session: KeystoneSession) {
    this.api = new ServiceClient(session, "network");
  }

  async createNetwork(network: NewNetwork): Promise<Network> {
    return (await this.api.post<{ network: Network }>("/v2.0/networks", { network })).network;
  }
  async network(id: string): Promise<Network> {
    return (await this.api.get<{ network: Network }>(`/v2.0/networks/${encodeURIComponent(id)}`)).network;
  }
  async networks(query: { readonly name?: string } = {}): Promise<Network[]> {
    return (await this.api.get<{ networks: Network[] }>("/v2.0/networks", query)).networks;
  }
  async deleteNetwork(id: string): Promise<void> {
    await this.api.delete(`/v2.0/networks/${encodeURIComponent(id)}`);
  }

  async createSubnet(subnet: NewSubnet): Promise<Subnet> {
    return (await this.api.post<{ subnet: Subnet }>("/v2.0/subnets", { subnet })).subnet;
  }
  async subnet(id: string): Promise<Subnet> {
    return (await this.api.get<{ subnet: Subnet }>(`/v2.0/subnets/${encodeURIComponent(id)}`)).subnet;
  }
  async deleteSubnet(id: string): Promise<void> {
    await this.api.delete(`/v2.0/subnets/${encodeURIComponent(id)}`);
  }
}
