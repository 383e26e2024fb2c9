// nova.conf for one compute node: the settings every compute node shares (message bus, placement,
// neutron, locking, console) plus ONLY the sections of the node's own driver. A Docker node never
// gets [libvirt]; a libvirt node never gets [vmware].

import { capabilities } from "../drivers/capabilities";
import { ComputeHostOs, DriverId } from "../drivers/driver";
import { DriverOptionsMap, getDriver } from "../drivers/registry";
import { Release, compareReleases } from "../drivers/release";
import { PolyvisorError } from "../errors";
import { IniModel, IniSection, defined, mergeSections, withoutEmptySections } from "./ini-model";
import { keystoneAuthSection, lockPathSection, loggingDefaults, serviceUserSection, transportUrl } from "./private/common";
import { CommonServiceOptions, KeystoneOptions, MessagingOptions, ServiceUser } from "./service-inputs";

export type ConsoleKind = "vnc" | "spice" | "serial";

export interface ConsoleOptions {
  readonly kind: ConsoleKind;
  /** Address the hypervisor's console server listens on (vnc/spice), e.g. 0.0.0.0 or the host IP. */
  readonly listenAddress?: string;
  /** Address the console proxy uses to reach this host. */
  readonly proxyClientAddress: string;
  /** Public URL of the proxy (novncproxy_base_url, html5proxy_base_url, serial base_url). */
  readonly proxyBaseUrl: string;
}

export interface ComputeNovaConfInput<K extends DriverId = DriverId> extends CommonServiceOptions {
  readonly driver: K;
  readonly driverOptions: DriverOptionsMap[K];
  /** `[DEFAULT] host`: the name this nova-compute registers under (several per vCenter need distinct ones). */
  readonly host?: string;
  /** `[DEFAULT] my_ip`. */
  readonly myIp: string;
  readonly messaging: MessagingOptions;
  readonly keystone: KeystoneOptions;
  readonly placementUser: ServiceUser;
  readonly neutronUser: ServiceUser;
  readonly console?: ConsoleOptions;
  readonly instancesPath?: string;
  readonly reservedHostMemoryMb?: number;
  readonly cpuAllocationRatio?: number;
  readonly ramAllocationRatio?: number;
  /** `[DEFAULT] shutdown_timeout`: seconds to wait for a clean guest shutdown. */
  readonly shutdownTimeout?: number;
  /** Send a service token with nova's calls to other services (`[service_user]`; volume detach needs it on patched Zed). */
  readonly serviceUser?: ServiceUser;
  /** `[os_vif_ovs] ovsdb_connection`: where os-vif reaches ovsdb-server, e.g. tcp:127.0.0.1:6640. */
  readonly ovsdbConnection?: string;
  readonly resumeGuestsStateOnHostBoot?: boolean;
}

/** Where nova-compute keeps its lock files when `lockPath` is not given, per OS it runs on. */
const DEFAULT_LOCK_PATH: Record<ComputeHostOs, string> = { linux: "/var/lib/nova/tmp", windows: "C:\\OpenStack\\Lock" };

/** Console option names per release: [vnc] vncserver_* became server_* in Queens. */
function consoleSections(c: ConsoleOptions | undefined, release: Release): IniModel {
  if (!c) return {};
  const modern = compareReleases(release, "queens") >= 0;
  const listen = modern ? "server_listen" : "vncserver_listen";
  const client = modern ? "server_proxyclient_address" : "vncserver_proxyclient_address";
  const table: Record<ConsoleKind, () => IniModel> = {
    vnc: () => ({ vnc: defined({ enabled: true, [listen]: c.listenAddress, [client]: c.proxyClientAddress, novncproxy_base_url: c.proxyBaseUrl }) }),
    spice: () => ({
      vnc: { enabled: false },
      spice: defined({
        enabled: true,
        server_listen: c.listenAddress,
        server_proxyclient_address: c.proxyClientAddress,
        html5proxy_base_url: c.proxyBaseUrl,
      }),
    }),
    serial: () => ({
      vnc: { enabled: false },
      serial_console: { enabled: true, base_url: c.proxyBaseUrl, proxyclient_address: c.proxyClientAddress },
    }),
  };
  return table[c.kind]();
}

const CONSOLE_FEATURE: Record<ConsoleKind, string> = { vnc: "console.vnc", spice: "console.spice", serial: "console.serial.interactive" };

function checkConsole(input: ComputeNovaConfInput, where: string): void {
  if (!input.console) return;
  const feature = CONSOLE_FEATURE[input.console.kind];
  const support = capabilities(input.driver, input.release, input.driverOptions)[feature];
  if (support === undefined || support === "missing") {
    throw new PolyvisorError("ConsoleNotSupported", `${input.driver} has no ${input.console.kind} console in ${input.release}`, {
      where,
      value: input.console.kind,
      allowed:
        (Object.keys(CONSOLE_FEATURE) as ConsoleKind[])
          .filter((k) => {
            const s = capabilities(input.driver, input.release)[CONSOLE_FEATURE[k]];
            return s === "complete" || s === "partial";
          })
          .join(", ") || "none",
      fix: "choose a console the driver supports, or none",
    });
  }
}

/** The common part of a compute node's nova.conf (no driver section). */
export function computeCommonSections(input: ComputeNovaConfInput): IniModel {
  const driver = getDriver(input.driver);
  const volumes = driver.volumes.protocols.length > 0;
  const defaults: IniSection = defined({
    ...loggingDefaults(input),
    transport_url: transportUrl(input.messaging),
    my_ip: input.myIp,
    host: input.host,
    instances_path: input.instancesPath,
    reserved_host_memory_mb: input.reservedHostMemoryMb,
    cpu_allocation_ratio: input.cpuAllocationRatio,
    ram_allocation_ratio: input.ramAllocationRatio,
    shutdown_timeout: input.shutdownTimeout,
    resume_guests_state_on_host_boot: input.resumeGuestsStateOnHostBoot,
    // Liberty routed nova to Neutron by class path; Mitaka..Ussuri by a flag; later Neutron is the only choice.
    network_api_class: input.release === "liberty" ? "nova.network.neutronv2.api.API" : undefined,
    use_neutron: compareReleases(input.release, "mitaka") >= 0 && compareReleases(input.release, "ussuri") <= 0 ? true : undefined,
  });
  return {
    DEFAULT: defaults,
    placement: keystoneAuthSection(input.placementUser, input.keystone, "placementUser"),
    neutron: keystoneAuthSection(input.neutronUser, input.keystone, "neutronUser"),
    oslo_concurrency: lockPathSection(input, DEFAULT_LOCK_PATH[driver.computeHostOs]),
    service_user: input.serviceUser ? serviceUserSection(input.serviceUser, input.keystone) : {},
    os_vif_ovs: defined({ ovsdb_connection: input.ovsdbConnection }),
    ...(volumes ? { cinder: { os_region_name: input.keystone.region } } : {}),
    ...consoleSections(input.console, input.release),
  };
}

/**
 * The whole nova.conf model of a compute node. Validates the driver options first (throws
 * InvalidDriverOptions listing every problem) and refuses a console the driver does not have.
 */
export function computeNovaConf<K extends DriverId>(input: ComputeNovaConfInput<K>, where = `compute ${input.driver}`): IniModel {
  const driver = getDriver(input.driver);
  const problems = driver.validate(input.driverOptions, input.release);
  if (problems.length > 0) {
    throw new PolyvisorError(
      "InvalidDriverOptions",
      `${problems.length} problem(s) in ${input.driver} options: ${problems.map((p) => `${p.option}: ${p.message}`).join("; ")}`,
      {
        where,
        value: problems.map((p) => p.value),
        allowed:
          problems
            .map((p) => p.allowed)
            .filter(Boolean)
            .join(" | ") || undefined,
        fix:
          problems
            .map((p) => p.fix)
            .filter(Boolean)
            .join("; ") || "correct the options listed",
      }
    );
  }
  checkConsole(input as ComputeNovaConfInput, where);
  return withoutEmptySections(
    mergeSections(
      [
        { source: "compute common settings", model: computeCommonSections(input as ComputeNovaConfInput) },
        { source: `driver ${input.driver}`, model: driver.novaSections(input.driverOptions, input.release) },
      ],
      `${where} nova.conf`
    )
  );
}
