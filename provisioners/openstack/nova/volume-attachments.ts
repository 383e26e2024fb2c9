// A server's volume attachments: attach, detach, and swap (nova's update of an attachment, which
// copies the data to the new volume; admin only, normally driven by cinder's volume migration).

import type { ComputeClient } from "./compute-client";
import type { VolumeAttachment } from "./types";

export class VolumeAttachments {
  constructor(private readonly compute: ComputeClient) {}

  async list(serverId: string): Promise<VolumeAttachment[]> {
    return (await this.compute.get<{ volumeAttachments: VolumeAttachment[] }>(this.path(serverId))).volumeAttachments;
  }

  async attach(serverId: string, volumeId: string, device?: string): Promise<VolumeAttachment> {
    const body = { volumeAttachment: { volumeId, ...(device ? { device } : {}) } };
    return (await this.compute.post<{ volumeAttachment: VolumeAttachment }>(this.path(serverId), body)).volumeAttachment;
  }

  async detach(serverId: string, volumeId: string): Promise<void> {
    await this.compute.delete(`${this.path(serverId)}/${encodeURIComponent(volumeId)}`);
  }

  async swap(serverId: string, oldVolumeId: string, newVolumeId: string): Promise<void> {
    await this.compute.put(`${this.path(serverId)}/${encodeURIComponent(oldVolumeId)}`, {
      volumeAttachment: { volumeId: newVolumeId },
    });
  }

  private path(serverId: string): string {
    return `/servers/${encodeURIComponent(serverId)}/os-volume_attachments`;
  }
}
