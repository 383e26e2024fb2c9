// The Neutron agents a node with instances on Neutron networks runs besides the OVS agent:
// dhcp_agent.ini (addresses, isolated metadata) and metadata_agent.ini (proxy to nova's metadata
// API, authenticated with the shared secret).

import { IniModel, defined, withoutEmptySections } from "./ini-model";
import { secretRef } from "./secrets";

export interface DhcpAgentConfInput {
  /** Default openvswitch. */
  readonly interfaceDriver?: "openvswitch" | "linuxbridge";
  /** Serve metadata on networks without a router (169.254.169.254 through the DHCP namespace). */
  readonly enableIsolatedMetadata?: boolean;
  readonly dnsmasqDnsServers?: readonly string[];
  /** ovsdb connection of the node, e.g. tcp:127.0.0.1:6640. */
  readonly ovsdbConnection?: string;
}

export function dhcpAgentConf(input: DhcpAgentConfInput): IniModel {
  return withoutEmptySections({
    DEFAULT: defined({
      interface_driver: input.interfaceDriver ?? "openvswitch",
      dhcp_driver: "neutron.agent.linux.dhcp.Dnsmasq",
      enable_isolated_metadata: input.enableIsolatedMetadata ?? true,
      dnsmasq_dns_servers: input.dnsmasqDnsServers ? [...input.dnsmasqDnsServers] : undefined,
    }),
    ovs: defined({ ovsdb_connection: input.ovsdbConnection }),
  });
}

export interface MetadataAgentConfInput {
  /** Where nova's metadata API listens. */
  readonly novaMetadataHost: string;
  readonly novaMetadataPort?: number;
  /** NAME of the secret shared with nova (`[neutron] metadata_proxy_shared_secret`). */
  readonly sharedSecret: string;
}

export function metadataAgentConf(input: MetadataAgentConfInput): IniModel {
  return {
    DEFAULT: defined({
      nova_metadata_host: input.novaMetadataHost,
      nova_metadata_port: input.novaMetadataPort,
      metadata_proxy_shared_secret: secretRef(input.sharedSecret, "metadata agent sharedSecret"),
    }),
  };
}
