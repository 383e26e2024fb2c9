// Nova flavors and their extra specs (what pins a flavor to a hypervisor's aggregate).

import { OpenStackApiError } from "../api-error";
import type { ComputeClient } from "./compute-client";
import type { Flavor, NewFlavor } from "./types";

type Specs = { readonly [key: string]: string };

export class Flavors {
  constructor(private readonly compute: ComputeClient) {}

  async list(): Promise<Flavor[]> {
    return (await this.compute.get<{ flavors: Flavor[] }>("/flavors/detail", { is_public: "None" })).flavors;
  }

  async get(id: string): Promise<Flavor> {
    return (await this.compute.get<{ flavor: Flavor }>(`/flavors/${encodeURIComponent(id)}`)).flavor;
  }

  /** A flavor by id or by exact name, or undefined. */
  async find(nameOrId: string): Promise<Flavor | undefined> {
    try {
      return await this.get(nameOrId);
    } catch (err) {
      if (!(err instanceof OpenStackApiError && err.status === 404)) throw err;
    }
    return (await this.list()).find((f) => f.name === nameOrId);
  }

  async create(flavor: NewFlavor): Promise<Flavor> {
    return (await this.compute.post<{ flavor: Flavor }>("/flavors", { flavor })).flavor;
  }

  async delete(id: string): Promise<void> {
    await this.compute.delete(`/flavors/${encodeURIComponent(id)}`);
  }

  async extraSpecs(id: string): Promise<Specs> {
    return (await this.compute.get<{ extra_specs: Specs }>(`/flavors/${encodeURIComponent(id)}/os-extra_specs`)).extra_specs;
  }

  async setExtraSpecs(id: string, specs: Specs): Promise<Specs> {
    const path = `/flavors/${encodeURIComponent(id)}/os-extra_specs`;
    return (await this.compute.post<{ extra_specs: Specs }>(path, { extra_specs: specs })).extra_specs;
  }

  async deleteExtraSpec(id: string, key: string): Promise<void> {
    await this.compute.delete(`/flavors/${encodeURIComponent(id)}/os-extra_specs/${encodeURIComponent(key)}`);
  }
}
