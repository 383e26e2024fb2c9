// Placement resource providers: one per compute node (its inventory and traits say what the
// scheduler can put there).

import type { KeystoneSession } from "./keystone";
import { ServiceClient } from "./service-client";

export const PLACEMENT_MICROVERSION = "1.6";

export interface ResourceProvider {
  readonly uuid: string;
  readonly name: string;
  readonly generation: number;
}

export interface Inventory {
  readonly total: number;
  readonly reserved: number;
  readonly allocation_ratio: number;
}

class PlacementClient extends ServiceClient {
  constructor(session: KeystoneSession) {
    super(session, "placement");
    this.versionHeaders = { "OpenStack-API-Version": `placement ${PLACEMENT_MICROVERSION}` };
  }
}

export class Placement {
  private readonly api: ServiceClient;

  constructor(session: KeystoneSession) {
    this.api = new PlacementClient(session);
  }

  async resourceProviders(query: { readonly name?: string } = {}): Promise<ResourceProvider[]> {
    return (await this.api.get<{ resource_providers: ResourceProvider[] }>("/resource_providers", query)).resource_providers;
  }
  async inventories(uuid: string): Promise<{ readonly [resourceClass: string]: Inventory }> {
    return (await this.api.get<{ inventories: { [rc: string]: Inventory } }>(`/resource_providers/${uuid}/inventories`)).inventories;
  }
  async traits(uuid: string): Promise<string[]> {
    return (await this.api.get<{ traits: string[] }>(`/resource_providers/${uuid}/traits`)).traits;
  }
}
