// nova.conf for the control-plane services (nova-api, nova-conductor, nova-scheduler, the console
// proxy and the metadata API). The scheduler gets the filters a multi-hypervisor cloud needs:
// ImagePropertiesFilter (image hypervisor_type / vm_mode / architecture against each host),
// AggregateInstanceExtraSpecsFilter (flavors pinned to aggregates), AvailabilityZoneFilter,
// ComputeFilter and the rest of nova's defaults.

import { DriverId } from "../drivers/driver";
import { Release, compareReleases } from "../drivers/release";
import { PolyvisorError } from "../errors";
import { IniModel, defined, withoutEmptySections } from "./ini-model";
import {
  authtokenSection,
  databaseUrl,
  keystoneAuthSection,
  lockPathSection,
  loggingDefaults,
  serviceUserSection,
  transportUrl,
} from "./private/common";
import { secretRef } from "./secrets";
import { CommonServiceOptions, DatabaseOptions, KeystoneOptions, MessagingOptions, ServiceUser } from "./service-inputs";

export type NovaControlService = "api" | "metadata" | "conductor" | "scheduler" | "novncproxy";

/** Filters every polyvisor cloud runs, in nova's evaluation order. */
export const MULTI_HYPERVISOR_FILTERS: readonly string[] = [
  "AvailabilityZoneFilter",
  "ComputeFilter",
  "ComputeCapabilitiesFilter",
  "ImagePropertiesFilter",
  "AggregateInstanceExtraSpecsFilter",
  "ServerGroupAntiAffinityFilter",
  "ServerGroupAffinityFilter",
];

/** Scheduler filters nova ships (Zed's nova.scheduler.filters), for checking `extraFilters`. */
export const KNOWN_FILTERS: readonly string[] = [
  ...MULTI_HYPERVISOR_FILTERS,
  "AggregateImagePropertiesIsolation",
  "AggregateIoOpsFilter",
  "AggregateMultiTenancyIsolation",
  "AggregateNumInstancesFilter",
  "AggregateTypeAffinityFilter",
  "AllHostsFilter",
  "DifferentHostFilter",
  "IoOpsFilter",
  "IsolatedHostsFilter",
  "JsonFilter",
  "MetricsFilter",
  "NUMATopologyFilter",
  "NumInstancesFilter",
  "PciPassthroughFilter",
  "SameHostFilter",
  "SimpleCIDRAffinityFilter",
];

export interface NovaControlConfInput extends CommonServiceOptions {
  readonly services: readonly NovaControlService[];
  readonly myIp: string;
  readonly messaging: MessagingOptions;
  readonly database: DatabaseOptions;
  readonly apiDatabase: DatabaseOptions;
  readonly keystone: KeystoneOptions;
  /** nova's own service user ([keystone_authtoken], [service_user]). */
  readonly novaUser: ServiceUser;
  readonly placementUser: ServiceUser;
  readonly neutronUser: ServiceUser;
  /** Send a service token with nova's calls to other services (`[service_user]`). */
  readonly serviceUser?: ServiceUser;
  /** NAME of the secret shared with neutron's metadata agent. */
  readonly metadataProxySecret?: string;
  /** Drivers of the cloud's compute nodes: Ironic changes scheduler settings. */
  readonly drivers: readonly DriverId[];
  readonly extraFilters?: readonly string[];
  /** `[scheduler] discover_hosts_in_cells_interval` (seconds; -1 disables). */
  readonly discoverHostsInCellsInterval?: number;
  readonly apiListen?: string;
  readonly metadataListen?: string;
  /** noVNC proxy: where it listens. */
  readonly novncproxyHost?: string;
  readonly novncproxyPort?: number;
}

function enabledApis(services: readonly NovaControlService[]): string[] {
  const table: Partial<Record<NovaControlService, string>> = { api: "osapi_compute", metadata: "metadata" };
  return services.flatMap((s) => (table[s] ? [table[s] as string] : []));
}

function schedulerSections(input: NovaControlConfInput, release: Release): IniModel {
  const unknown = (input.extraFilters ?? []).filter((f) => !KNOWN_FILTERS.includes(f));
  if (unknown.length > 0) {
    throw new PolyvisorError("UnknownSchedulerFilter", `unknown nova scheduler filter(s) ${unknown.join(", ")}`, {
      where: "control plane scheduler extraFilters",
      value: unknown,
      allowed: KNOWN_FILTERS.join(", "),
    });
  }
  const filters = [...new Set([...MULTI_HYPERVISOR_FILTERS, ...(input.extraFilters ?? [])])];
  const ironic = input.drivers.includes("ironic");
  // Pike moved the filter list from [DEFAULT] scheduler_default_filters to [filter_scheduler] enabled_filters.
  if (compareReleases(release, "pike") < 0) {
    return { DEFAULT: defined({ scheduler_default_filters: filters, scheduler_tracks_instance_changes: ironic ? false : undefined }) };
  }
  return {
    filter_scheduler: defined({ enabled_filters: filters, track_instance_changes: ironic ? false : undefined }),
    scheduler: defined({ discover_hosts_in_cells_interval: input.discoverHostsInCellsInterval ?? (ironic ? 120 : undefined) }),
  };
}

export function novaControlConf(input: NovaControlConfInput): IniModel {
  const has = (s: NovaControlService) => input.services.includes(s);
  const apis = enabledApis(input.services);
  const needsDb = has("api") || has("conductor") || has("scheduler") || has("metadata");
  const scheduler = has("scheduler") ? schedulerSections(input, input.release) : {};
  const model: Record<string, Record<string, unknown>> = {
    DEFAULT: defined({
      ...loggingDefaults(input),
      transport_url: transportUrl(input.messaging),
      my_ip: input.myIp,
      enabled_apis: apis.length > 0 ? apis : undefined,
      osapi_compute_listen: has("api") ? input.apiListen : undefined,
      metadata_listen: has("metadata") ? input.metadataListen : undefined,
      use_neutron: compareReleases(input.release, "mitaka") >= 0 && compareReleases(input.release, "ussuri") <= 0 ? true : undefined,
      ...(scheduler.DEFAULT ?? {}),
    }),
    api: has("api") ? { auth_strategy: "keystone" } : {},
    database: needsDb ? { connection: databaseUrl(input.database) } : {},
    api_database: needsDb ? { connection: databaseUrl(input.apiDatabase) } : {},
    keystone_authtoken: has("api") || has("metadata") ? authtokenSection(input.novaUser, input.keystone, "novaUser") : {},
    placement: keystoneAuthSection(input.placementUser, input.keystone, "placementUser"),
    neutron: {
      ...keystoneAuthSection(input.neutronUser, input.keystone, "neutronUser"),
      ...(has("metadata") && input.metadataProxySecret
        ? { service_metadata_proxy: true, metadata_proxy_shared_secret: secretRef(input.metadataProxySecret, "metadataProxySecret") }
        : {}),
    },
    oslo_concurrency: lockPathSection(input, "/var/lib/nova/tmp"),
    service_user: input.serviceUser ? serviceUserSection(input.serviceUser, input.keystone) : {},
    vnc: has("novncproxy") ? defined({ enabled: true, novncproxy_host: input.novncproxyHost, novncproxy_port: input.novncproxyPort }) : {},
    ...Object.fromEntries(Object.entries(scheduler).filter(([s]) => s !== "DEFAULT")),
  };
  return withoutEmptySections(model as IniModel);
}
