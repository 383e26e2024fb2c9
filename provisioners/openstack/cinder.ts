// Cinder v3 volumes and volume types (a type is tied to a backend by volume_backend_name).

import { OpenStackApiError } from "./api-error";
import type { KeystoneSession } from "./keystone";
import { ServiceClient } from "./service-client";

export interface Volume {
  readonly id: string;
  readonly name: string | null;
  readonly status: string;
  readonly size: number;
  readonly volume_type?: string | null;
  readonly attachments: readonly { readonly server_id: string; readonly device?: string }[];
}

export interface NewVolume {
  readonly size: number;
  readonly name?: string;
  readonly volume_type?: string;
  readonly availability_zone?: string;
}

export interface VolumeType {
  readonly id: string;
  readonly name: string;
  readonly is_public?: boolean;
  readonly extra_specs?: { readonly [key: string]: string };
}

type Specs = { readonly [key: string]: string };

export class Cinder {
  private readonly api: ServiceClient;

  constructor(session: KeystoneSession) {
    this.api = new ServiceClient(session, "block-storage");
  }

  async createVolume(volume: NewVolume): Promise<Volume> {
    return (await this.api.post<{ volume: Volume }>("/volumes", { volume })).volume;
  }
  async volume(id: string): Promise<Volume> {
    return (await this.api.get<{ volume: Volume }>(`/volumes/${encodeURIComponent(id)}`)).volume;
  }
  async volumeIfExists(id: string): Promise<Volume | undefined> {
    try {
      return await this.volume(id);
    } catch (err) {
      if (err instanceof OpenStackApiError && err.status === 404) return undefined;
      throw err;
    }
  }
  async volumes(query: { readonly name?: string } = {}): Promise<Volume[]> {
    return (await this.api.get<{ volumes: Volume[] }>("/volumes/detail", query)).volumes;
  }
  async deleteVolume(id: string): Promise<void> {
    await this.api.delete(`/volumes/${encodeURIComponent(id)}`);
  }

  async createType(name: string, extraSpecs: Specs = {}, isPublic = true): Promise<VolumeType> {
    const body = { volume_type: { name, extra_specs: extraSpecs, "os-volume-type-access:is_public": isPublic } };
    return (await this.api.post<{ volume_type: VolumeType }>("/types", body)).volume_type;
  }
  async type(id: string): Promise<VolumeType> {
    return (await this.api.get<{ volume_type: VolumeType }>(`/types/${encodeURIComponent(id)}`)).volume_type;
  }
  async types(): Promise<VolumeType[]> {
    return (await this.api.get<{ volume_types: VolumeType[] }>("/types")).volume_types;
  }
  async deleteType(id: string): Promise<void> {
    await this.api.delete(`/types/${encodeURIComponent(id)}`);
  }
  async setTypeExtraSpecs(id: string, specs: Specs): Promise<Specs> {
    return (await this.api.post<{ extra_specs: Specs }>(`/types/${encodeURIComponent(id)}/extra_specs`, { extra_specs: specs }))
      .extra_specs;
  }
  async deleteTypeExtraSpec(id: string, key: string): Promise<void> {
    await this.api.delete(`/types/${encodeURIComponent(id)}/extra_specs/${encodeURIComponent(key)}`);
  }
}
