// Host aggregates: what groups compute nodes by hypervisor and what flavors' extra specs match.

import type { ComputeClient } from "./compute-client";
import type { Aggregate } from "./types";

export class Aggregates {
  constructor(private readonly compute: ComputeClient) {}

  async list(): Promise<Aggregate[]> {
    return (await this.compute.get<{ aggregates: Aggregate[] }>("/os-aggregates")).aggregates;
  }

  async get(id: number | string): Promise<Aggregate> {
    return (await this.compute.get<{ aggregate: Aggregate }>(`/os-aggregates/${id}`)).aggregate;
  }

  async create(name: string, availabilityZone?: string): Promise<Aggregate> {
    const aggregate = { name, ...(availabilityZone ? { availability_zone: availabilityZone } : {}) };
    return (await this.compute.post<{ aggregate: Aggregate }>("/os-aggregates", { aggregate })).aggregate;
  }

  async delete(id: number | string): Promise<void> {
    await this.compute.delete(`/os-aggregates/${id}`);
  }

  /** Sets metadata keys; a null value removes the key. */
  async setMetadata(id: number | string, metadata: { readonly [key: string]: string | null }): Promise<Aggregate> {
    return this.act(id, { set_metadata: { metadata } });
  }

  async addHost(id: number | string, host: string): Promise<Aggregate> {
    return this.act(id, { add_host: { host } });
  }

  async removeHost(id: number | string, host: string): Promise<Aggregate> {
    return this.act(id, { remove_host: { host } });
  }

  private async act(id: number | string, body: unknown): Promise<Aggregate> {
    return (await this.compute.post<{ aggregate: Aggregate }>(`/os-aggregates/${id}/action`, body)).aggregate;
  }
}
