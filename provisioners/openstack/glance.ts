// Glance v2 images: create with the properties that steer an image to a hypervisor
// (hypervisor_type, vm_mode, ...), upload the data from a file stream, change properties with a
// JSON patch, delete.

import { createReadStream, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { OpenStackApiError } from "./api-error";
import type { KeystoneSession } from "./keystone";
import { ServiceClient } from "./service-client";

export interface Image {
  readonly id: string;
  readonly name: string;
  readonly status: "queued" | "saving" | "uploading" | "importing" | "active" | "killed" | "deleted" | "pending_delete" | "deactivated";
  readonly disk_format?: string;
  readonly container_format?: string;
  readonly checksum?: string | null;
  readonly size?: number | null;
  readonly visibility?: string;
  /** Glance puts custom properties at the top level of the image. */
  readonly [property: string]: unknown;
}

export interface NewImage {
  readonly name: string;
  readonly disk_format: string;
  readonly container_format: string;
  readonly visibility?: "public" | "private" | "shared" | "community";
  readonly min_disk?: number;
  readonly min_ram?: number;
  /** hypervisor_type, vm_mode, architecture, hw_* ... (string values). */
  readonly properties?: { readonly [key: string]: string };
}

const JSON_PATCH = "application/openstack-images-v2.1-json-patch";

export class Glance {
  private readonly api: ServiceClient;

  constructor(session: KeystoneSession) {
    this.api = new ServiceClient(session, "image");
  }

  async create(image: NewImage): Promise<Image> {
    const { properties, ...core } = image;
    return this.api.post<Image>("/v2/images", { ...properties, ...core });
  }

  async get(id: string): Promise<Image> {
    return this.api.get<Image>(`/v2/images/${encodeURIComponent(id)}`);
  }

  async getIfExists(id: string): Promise<Image | undefined> {
    try {
      return await this.get(id);
    } catch (err) {
      if (err instanceof OpenStackApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  async list(query: { readonly name?: string } = {}): Promise<Image[]> {
    return (await this.api.get<{ images: Image[] }>("/v2/images", query)).images;
  }

  /**
   * Uploads the image data. A path is streamed from disk with its length (so servers that cannot
   * take chunked bodies accept it); a stream is sent chunked.
   */
  async upload(id: string, source: string | Readable, sizeBytes?: number): Promise<void> {
    const stream = typeof source === "string" ? createReadStream(source) : source;
    const size = typeof source === "string" ? statSync(source).size : sizeBytes;
    await this.api.request("PUT", `/v2/images/${encodeURIComponent(id)}/file`, {
      raw: stream,
      headers: { "Content-Type": "application/octet-stream", ...(size !== undefined ? { "Content-Length": String(size) } : {}) },
      timeoutMs: 0,
    });
  }

  /** Sets (string) or removes (null) properties in one JSON patch. */
  async updateProperties(id: string, changes: { readonly [key: string]: string | null }, current?: Image): Promise<Image> {
    const image = current ?? (await this.get(id));
    const ops = Object.entries(changes).flatMap(([key, value]) => {
      const path = `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (value === null) return key in image ? [{ op: "remove", path }] : [];
      return [{ op: key in image ? "replace" : "add", path, value }];
    });
    if (ops.length === 0) return image;
    const res = await this.api.request<Image>("PATCH", `/v2/images/${encodeURIComponent(id)}`, {
      json: ops,
      headers: { "Content-Type": JSON_PATCH },
    });
    return res.body;
  }

  async delete(id: string): Promise<void> {
    await this.api.delete(`/v2/images/${encodeURIComponent(id)}`);
  }
}
