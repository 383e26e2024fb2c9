// The Open vSwitch agent's input on one host: the host's bridge mappings, plus the cloud's
// datapath and tunnel settings.
import type { OvsAgentConfInput } from "../../../provisioners/config/neutron";
import type { CloudContext } from "../cloud-lookup";

export function ovsAgentInput(cloud: CloudContext, bridgeMappings: Readonly<Record<string, string>>, localIp: string): OvsAgentConfInput {
  const tunnels = cloud.tenantNetworkTypes.filter((t): t is "vxlan" | "gre" => t === "vxlan" || t === "gre");
  return {
    bridgeMappings: { ...bridgeMappings },
    localIp,
    tunnelTypes: tunnels.length > 0 ? tunnels : undefined,
    datapathType: cloud.openvswitch.datapathType,
    ovsdbConnection: cloud.openvswitch.ovsdbConnection,
    firewallDriver: cloud.securityGroups ? "openvswitch" : "noop",
  };
}
