// What every Zed compute node has, whatever its hypervisor: nova-compute talking to the
// controller's queue, placement and neutron, and the Open vSwitch agent with the userspace
// datapath (the kernel here has no OVS module) so VLAN provider ports bind on this host.

import type { BootstrapStep, ConfigFile, RoleName, RoleRecipe, ServiceSpec } from "../../recipe";
import {
  amqpConnected,
  check,
  MY_ADDRESS,
  OPENSTACK_DEBCONF,
  readableIni,
  secretIni,
  serviceCredentials,
  TRANSPORT_URL,
} from "./common";

export const COMPUTE_PARAMS = ["controller_address", "my_address", "region", "bridge_mappings", "physnet_bridges"] as const;

export interface ComputeFlavour {
  readonly role: RoleName;
  readonly summary: string;
  /** Package(s) that satisfy nova-compute's hypervisor dependency, plus the hypervisor itself. */
  readonly hypervisorPackages: readonly string[];
  /** Sections of /etc/nova/nova-compute.conf: the driver's own settings, nothing else. */
  readonly novaCompute: ConfigFile["sections"];
  readonly extraParams?: readonly string[];
  readonly extraSecrets?: readonly string[];
  readonly extraFiles?: Readonly<Record<string, ConfigFile>>;
  readonly extraSteps?: readonly BootstrapStep[];
  /** Hypervisor services; nova-compute starts after them. */
  readonly hypervisorServices?: readonly ServiceSpec[];
  readonly disabledUnits?: readonly string[];
  readonly hostDevices?: readonly string[];
}

const NOVA_FILES = ["/etc/nova/nova.conf", "/etc/nova/nova-compute.conf"];
const AGENT_FILES = ["/etc/neutron/neutron.conf", "/etc/neutron/plugins/ml2/openvswitch_agent.ini"];

const baseFiles: Record<string, ConfigFile> = {
  "/etc/nova/nova.conf": secretIni("nova", {
    DEFAULT: {
      my_ip: MY_ADDRESS,
      transport_url: TRANSPORT_URL,
      state_path: "/var/lib/nova",
      log_dir: "/var/log/nova",
      // Tiny guests ignore ACPI power-off; do not wait minutes for them.
      shutdown_timeout: "10",
    },
    placement: serviceCredentials("nova", "nova_keystone"),
    neutron: serviceCredentials("nova", "nova_keystone"),
    oslo_concurrency: { lock_path: "/var/lib/nova/tmp" },
    vnc: { enabled: "false" },
  }),
  "/etc/neutron/neutron.conf": secretIni("neutron", {
    DEFAULT: { transport_url: TRANSPORT_URL, state_path: "/var/lib/neutron", log_dir: "/var/log/neutron" },
    agent: { root_helper: "sudo neutron-rootwrap /etc/neutron/rootwrap.conf" },
    oslo_concurrency: { lock_path: "/var/lock/neutron" },
  }),
  "/etc/neutron/plugins/ml2/openvswitch_agent.ini": readableIni("neutron", {
    ovs: {
      integration_bridge: "br-int",
      bridge_mappings: "${param:bridge_mappings}",
      datapath_type: "netdev",
      ovsdb_connection: "tcp:127.0.0.1:6640",
    },
    agent: { tunnel_types: "" },
    securitygroup: { firewall_driver: "noop", enable_security_group: "false" },
  }),
};

const baseSteps: BootstrapStep[] = [
  {
    id: "ovsdb-manager",
    description: "ovsdb-server listens on 127.0.0.1:6640 (os-vif and the agent connect there)",
    phase: "bootstrap",
    needs: ["openvswitch-switch"],
    command: "ovs-vsctl set-manager ptcp:6640:127.0.0.1",
    okExitCodes: [0],
  },
  {
    id: "physnet-bridges",
    description: "One userspace (netdev) OVS bridge per physical network in bridge_mappings",
    phase: "bootstrap",
    needs: ["openvswitch-switch"],
    command: "for b in ${param:physnet_bridges}; do ovs-vsctl --may-exist add-br $b -- set bridge $b datapath_type=netdev || exit 1; done",
    okExitCodes: [0],
  },
];

const baseServices: ServiceSpec[] = [
  { unit: "openvswitch-switch", order: 10, restartOn: [], health: check("ovs-vsctl show >/dev/null && ovs-appctl -t ovs-vswitchd version >/dev/null") },
  {
    unit: "neutron-openvswitch-agent",
    order: 20,
    restartOn: AGENT_FILES,
    health: check(`ovs-vsctl br-exists br-int && ${amqpConnected("neutron-openvsw")}`, 90),
  },
];

export function computeRecipe(f: ComputeFlavour): RoleRecipe {
  return {
    release: "zed",
    role: f.role,
    summary: f.summary,
    packages: ["nova-compute", ...f.hypervisorPackages, "neutron-openvswitch-agent", "openvswitch-switch", "ethtool"],
    debconf: OPENSTACK_DEBCONF,
    policyRcD: "deny-during-install",
    secrets: ["rabbit", "nova_keystone", ...(f.extraSecrets ?? [])],
    params: [...COMPUTE_PARAMS, ...(f.extraParams ?? [])],
    files: {
      ...baseFiles,
      // nova-compute.conf holds no secret but is nova's alone: the same owner and mode.
      "/etc/nova/nova-compute.conf": secretIni("nova", f.novaCompute),
      ...(f.extraFiles ?? {}),
    },
    steps: [...baseSteps, ...(f.extraSteps ?? [])],
    services: [
      ...baseServices,
      ...(f.hypervisorServices ?? []),
      { unit: "nova-compute", order: 40, restartOn: NOVA_FILES, health: check(amqpConnected("nova-compute"), 120) },
    ],
    disabledUnits: f.disabledUnits ?? [],
    hostDevices: f.hostDevices ?? [],
  };
}
