// What nova knows about its hosts: compute services (disable/enable for draining, forced down for
// evacuation), hypervisors (which driver a server runs on), availability zones, and the old
// os-hosts maintenance mode (only XenServer implemented it; the API ends at microversion 2.42).

import { compareMicroversions, type ComputeClient } from "./compute-client";
import type { AvailabilityZone, ComputeService, Hypervisor } from "./types";

export interface ServiceUpdate {
  readonly status?: "enabled" | "disabled";
  readonly disabledReason?: string;
  readonly forcedDown?: boolean;
}

export class Infrastructure {
  constructor(private readonly compute: ComputeClient) {}

  async services(query: { readonly binary?: string; readonly host?: string } = {}): Promise<ComputeService[]> {
    return (await this.compute.get<{ services: ComputeService[] }>("/os-services", query)).services;
  }

  /** Updates a compute service: by id from 2.53 on, by host+binary before. */
  async updateService(service: ComputeService, update: ServiceUpdate): Promise<ComputeService> {
    if (compareMicroversions(await this.compute.microversion(), "2.53") >= 0) {
      const body = {
        ...(update.status ? { status: update.status } : {}),
        ...(update.status === "disabled" && update.disabledReason ? { disabled_reason: update.disabledReason } : {}),
        ...(update.forcedDown !== undefined ? { forced_down: update.forcedDown } : {}),
      };
      return (await this.compute.put<{ service: ComputeService }>(`/os-services/${service.id}`, body)).service;
    }
    const target = { host: service.host, binary: service.binary };
    if (update.forcedDown !== undefined) {
      await this.compute.put("/os-services/force-down", { ...target, forced_down: update.forcedDown });
    }
    if (update.status === "enabled") await this.compute.put("/os-services/enable", target);
    if (update.status === "disabled") {
      const path = update.disabledReason ? "/os-services/disable-log-reason" : "/os-services/disable";
      await this.compute.put(path, { ...target, ...(update.disabledReason ? { disabled_reason: update.disabledReason } : {}) });
    }
    return (await this.services({ host: service.host, binary: service.binary }))[0];
  }

  async hypervisors(): Promise<Hypervisor[]> {
    return (await this.compute.get<{ hypervisors: Hypervisor[] }>("/os-hypervisors/detail")).hypervisors;
  }

  /** The hypervisor with this exact hypervisor_hostname, or undefined. */
  async hypervisorByHostname(hostname: string): Promise<Hypervisor | undefined> {
    return (await this.hypervisors()).find((h) => h.hypervisor_hostname === hostname);
  }

  async availabilityZones(): Promise<AvailabilityZone[]> {
    return (await this.compute.get<{ availabilityZoneInfo: AvailabilityZone[] }>("/os-availability-zone/detail"))
      .availabilityZoneInfo;
  }

  /** os-hosts maintenance mode (XenServer only; removed from the API after 2.42). */
  async setMaintenanceMode(host: string, enabled: boolean): Promise<unknown> {
    const json = { maintenance_mode: enabled ? "enable" : "disable" };
    return (await this.compute.requestAt("2.42", "PUT", `/os-hosts/${encodeURIComponent(host)}`, { json })).body;
  }
}
