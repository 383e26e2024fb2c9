// Neutron's files: ml2_conf.ini (type drivers, VLAN ranges per physical network), the Open vSwitch
// agent's openvswitch_agent.ini (bridge mappings per host) and neutron.conf for the server.

import { PolyvisorError } from "../errors";
import { NetworkType } from "../drivers/driver";
import { IniModel, defined, withoutEmptySections } from "./ini-model";
import { authtokenSection, databaseUrl, keystoneAuthSection, lockPathSection, loggingDefaults, transportUrl } from "./private/common";
import { CommonServiceOptions, DatabaseOptions, KeystoneOptions, MessagingOptions, ServiceUser } from "./service-inputs";

export interface VlanRange {
  readonly min: number;
  readonly max: number;
}

export interface Ml2ConfInput {
  readonly typeDrivers: readonly NetworkType[];
  /** Types tenants get by default (empty: provider networks only). */
  readonly tenantNetworkTypes: readonly NetworkType[];
  /** Default: openvswitch. */
  readonly mechanismDrivers?: readonly string[];
  /** physnet -> VLAN ranges tenants may be given (empty list: provider networks only on that physnet). */
  readonly vlanRanges: { readonly [physnet: string]: readonly VlanRange[] };
  /** Physnets usable for flat networks ("*" for any). */
  readonly flatNetworks?: readonly string[];
  readonly vxlanVniRanges?: readonly VlanRange[];
  /** Default: port_security. */
  readonly extensionDrivers?: readonly string[];
  /** Security group firewall (default openvswitch). Set "noop" to disable. */
  readonly firewallDriver?: "openvswitch" | "iptables_hybrid" | "noop";
}

const PHYSNET = /^[A-Za-z0-9_.-]{1,64}$/;

/** Refuses VLAN ids outside 1..4094, inverted ranges and overlapping ranges on one physnet. */
export function checkVlanRanges(ranges: { readonly [physnet: string]: readonly VlanRange[] }, where = "ml2 vlanRanges"): void {
  for (const [physnet, list] of Object.entries(ranges)) {
    if (!PHYSNET.test(physnet)) {
      throw new PolyvisorError("InvalidPhysnetName", `physical network name ${JSON.stringify(physnet)} is not usable in ml2_conf.ini`, {
        where,
        value: physnet,
        allowed: "letters, digits, _ . - (1..64)",
      });
    }
    list.forEach((r) => {
      for (const v of [r.min, r.max]) {
        if (!Number.isInteger(v) || v < 1 || v > 4094) {
          throw new PolyvisorError("VlanIdOutOfRange", `VLAN id ${v} on ${physnet} is outside 1..4094`, {
            where: `${where}.${physnet}`,
            value: v,
            allowed: "1..4094",
            fix: "use VLAN ids from 1 to 4094",
          });
        }
      }
      if (r.min > r.max) {
        throw new PolyvisorError("VlanRangeInverted", `VLAN range ${r.min}:${r.max} on ${physnet} has min above max`, {
          where: `${where}.${physnet}`,
          value: r,
          fix: `write it as ${r.max}:${r.min}`,
        });
      }
    });
    const sorted = [...list].sort((a, b) => a.min - b.min);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].min <= sorted[i - 1].max) {
        throw new PolyvisorError(
          "VlanRangeOverlap",
          `VLAN ranges ${sorted[i - 1].min}:${sorted[i - 1].max} and ${sorted[i].min}:${sorted[i].max} overlap on ${physnet}`,
          {
            where: `${where}.${physnet}`,
            value: [sorted[i - 1], sorted[i]],
            fix: "make the ranges of one physical network disjoint",
          }
        );
      }
    }
  }
}

export function vlanRangesValue(ranges: { readonly [physnet: string]: readonly VlanRange[] }): string[] {
  return Object.keys(ranges)
    .sort()
    .flatMap((p) => (ranges[p].length === 0 ? [p] : [...ranges[p]].sort((a, b) => a.min - b.min).map((r) => `${p}:${r.min}:${r.max}`)));
}

export function ml2Conf(input: Ml2ConfInput): IniModel {
  checkVlanRanges(input.vlanRanges);
  const missing = input.tenantNetworkTypes.filter((t) => !input.typeDrivers.includes(t));
  if (missing.length > 0) {
    throw new PolyvisorError("TenantTypeWithoutDriver", `tenant network type(s) ${missing.join(", ")} lack a type driver`, {
      where: "ml2 tenantNetworkTypes",
      value: missing,
      allowed: input.typeDrivers.join(", "),
      fix: "add them to typeDrivers",
    });
  }
  const has = (t: NetworkType) => input.typeDrivers.includes(t);
  return withoutEmptySections({
    ml2: {
      type_drivers: [...input.typeDrivers],
      tenant_network_types: [...input.tenantNetworkTypes],
      mechanism_drivers: [...(input.mechanismDrivers ?? ["openvswitch"])],
      extension_drivers: [...(input.extensionDrivers ?? ["port_security"])],
    },
    ml2_type_vlan: has("vlan") ? { network_vlan_ranges: vlanRangesValue(input.vlanRanges) } : {},
    ml2_type_flat: has("flat") ? { flat_networks: [...(input.flatNetworks ?? Object.keys(input.vlanRanges).sort())] } : {},
    ml2_type_vxlan: has("vxlan") ? { vni_ranges: (input.vxlanVniRanges ?? [{ min: 1, max: 1000 }]).map((r) => `${r.min}:${r.max}`) } : {},
    securitygroup: { firewall_driver: input.firewallDriver ?? "openvswitch", enable_security_group: input.firewallDriver !== "noop" },
  });
}

export interface OvsAgentConfInput {
  /** physnet -> OVS bridge on THIS host (e.g. { physnet1: "br-vlan" }). */
  readonly bridgeMappings: { readonly [physnet: string]: string };
  /** Tunnel endpoint address of this host (needed for vxlan/gre). */
  readonly localIp?: string;
  readonly tunnelTypes?: readonly ("vxlan" | "gre")[];
  /** `netdev` for the userspace datapath (needed where the kernel has no OVS module). */
  readonly datapathType?: "system" | "netdev";
  readonly integrationBridge?: string;
  readonly firewallDriver?: "openvswitch" | "iptables_hybrid" | "noop";
  /** ovsdb connection for os-vif / the agent, e.g. tcp:127.0.0.1:6640. */
  readonly ovsdbConnection?: string;
  readonly l2Population?: boolean;
}

const BRIDGE = /^[A-Za-z0-9_.-]{1,15}$/;

export function ovsAgentConf(input: OvsAgentConfInput, host = "host"): IniModel {
  const bridges = Object.entries(input.bridgeMappings);
  const seen = new Map<string, string>();
  for (const [physnet, bridge] of bridges) {
    if (!BRIDGE.test(bridge)) {
      throw new PolyvisorError("InvalidBridgeName", `bridge ${JSON.stringify(bridge)} for ${physnet} is not a valid OVS bridge name`, {
        where: `${host} bridgeMappings.${physnet}`,
        value: bridge,
        allowed: "1..15 characters of letters, digits, _ . -",
      });
    }
    if (seen.has(bridge)) {
      throw new PolyvisorError("BridgeMappedTwice", `bridge ${bridge} is mapped to both ${seen.get(bridge)} and ${physnet}`, {
        where: `${host} bridgeMappings`,
        value: bridge,
        fix: "give each physical network its own bridge on a host",
      });
    }
    seen.set(bridge, physnet);
  }
  const tunnels = input.tunnelTypes ?? [];
  if (tunnels.length > 0 && !input.localIp) {
    throw new PolyvisorError("TunnelWithoutLocalIp", `tunnel types ${tunnels.join(", ")} need this host's tunnel endpoint address`, {
      where: `${host} localIp`,
      fix: "set localIp",
    });
  }
  return withoutEmptySections({
    ovs: defined({
      bridge_mappings: bridges.sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, b]) => `${p}:${b}`),
      local_ip: input.localIp,
      datapath_type: input.datapathType,
      integration_bridge: input.integrationBridge,
      ovsdb_connection: input.ovsdbConnection,
    }),
    agent: defined({ tunnel_types: tunnels.length > 0 ? [...tunnels] : undefined, l2_population: input.l2Population }),
    securitygroup: { firewall_driver: input.firewallDriver ?? "openvswitch", enable_security_group: input.firewallDriver !== "noop" },
  });
}

export interface NeutronServerConfInput extends CommonServiceOptions {
  readonly messaging: MessagingOptions;
  readonly database: DatabaseOptions;
  readonly keystone: KeystoneOptions;
  readonly neutronUser: ServiceUser;
  /** nova's user, for port status notifications to nova. */
  readonly novaUser: ServiceUser;
  readonly servicePlugins?: readonly string[];
  readonly bindHost?: string;
  readonly dhcpAgentsPerNetwork?: number;
}

export function neutronServerConf(input: NeutronServerConfInput): IniModel {
  return withoutEmptySections({
    DEFAULT: defined({
      ...loggingDefaults(input),
      core_plugin: "ml2",
      service_plugins: input.servicePlugins ? [...input.servicePlugins] : undefined,
      transport_url: transportUrl(input.messaging),
      auth_strategy: "keystone",
      bind_host: input.bindHost,
      // Without these nova waits for the VIF timeout before servers with ports go ACTIVE.
      notify_nova_on_port_status_changes: true,
      notify_nova_on_port_data_changes: true,
      dhcp_agents_per_network: input.dhcpAgentsPerNetwork,
    }),
    database: { connection: databaseUrl(input.database) },
    keystone_authtoken: authtokenSection(input.neutronUser, input.keystone, "neutronUser"),
    nova: keystoneAuthSection(input.novaUser, input.keystone, "novaUser"),
    oslo_concurrency: lockPathSection(input, "/var/lib/neutron/tmp"),
  });
}
