// polyvisor_network: a Neutron provider network (flat or VLAN, or a tenant network type) with an
// optional subnet. The segment (type, physnet, VLAN id) and the CIDR replace it; name, sharing,
// gateway and DHCP change in place. Creating the subnet is part of creating the network: when it
// fails, the network is removed again and the error names the attribute.
import type { Network, Subnet } from "../../provisioners/openstack";
import { resources } from "../schema";
import { Diagnostic, error } from "../lifecycle/diagnostics";
import { ObjectValue, Value } from "../values";
import { ResourceHandler } from "./handler";
import { validateAuth } from "./private/api-auth";
import { changed, withDefaults } from "./private/api-plan";
import { updateNetwork, updateSubnet } from "./private/api-adapters";
import { apiSession, ApiSession, deleteIfExists, importSession } from "./private/api-session";
import { importNotFound } from "./private/api-validate";
import { checkNetworkType, ipVersion } from "./private/network-types";

const TYPE = "polyvisor_network";
const DEFAULTS = { shared: true, enable_dhcp: false };

function validate(config: ObjectValue): Diagnostic[] {
  const out = [...validateAuth(config, TYPE), ...checkNetworkType(TYPE, config)];
  const cidr = config.cidr;
  if (typeof cidr === "string" && ipVersion(cidr) === undefined) {
    out.push(error(`${TYPE}: cidr is not an IPv4 or IPv6 CIDR`, `Got ${JSON.stringify(cidr)}. Allowed: ADDRESS/PREFIX, e.g. 192.0.2.0/24 or 2001:db8::/64.`, ["cidr"]));
  }
  for (const name of ["gateway_ip", "enable_dhcp"]) {
    if (cidr === null && config[name] !== null && config[name] !== undefined) {
      out.push(error(`${TYPE}: ${name} needs a subnet`, "Fix: give cidr (the subnet's range), or remove this attribute.", [name]));
    }
  }
  return out;
}

/** The network (and its subnet, when it has one) as state. */
export function networkState(net: Network, subnet: Subnet | undefined, prior: { readonly enable_dhcp?: Value; readonly auth?: Value }): ObjectValue {
  return {
    id: net.id,
    name: net.name,
    network_type: net["provider:network_type"] ?? null,
    physical_network: net["provider:physical_network"] ?? null,
    segmentation_id: net["provider:segmentation_id"] ?? null,
    shared: net.shared,
    cidr: subnet?.cidr ?? null,
    gateway_ip: subnet?.gateway_ip ?? null,
    // Without a subnet there is no DHCP to speak of: keep the declared default.
    enable_dhcp: subnet ? subnet.enable_dhcp : (prior.enable_dhcp ?? false),
    subnet_id: subnet?.id ?? null,
    auth: prior.auth ?? null,
  };
}

/** The network and its subnet: the one in state, or (import) the network's first one. */
async function readNetwork(s: ApiSession, id: string, subnetId: Value, adoptFirstSubnet = false): Promise<{ net: Network; subnet?: Subnet } | undefined> {
  const net = await s.find(`reading network ${id}`, (c) => c.network.network(id));
  if (!net) return undefined;
  const sid = typeof subnetId === "string" ? subnetId : adoptFirstSubnet ? net.subnets[0] : undefined;
  const subnet = sid ? await s.find(`reading subnet ${sid}`, (c) => c.network.subnet(sid)) : undefined;
  return { net, subnet };
}

export const network: ResourceHandler = {
  typeName: TYPE,
  definition: resources[TYPE],
  validate,
  plan: ({ config, planned }) => ({ planned: withDefaults(config, planned, DEFAULTS) }),
  async create(planned) {
    const s = await apiSession(TYPE, planned.auth);
    const name = planned.name as string;
    const net = await s.call(
      `creating network "${name}"`,
      (c) =>
        c.network.createNetwork({
          name,
          shared: planned.shared as boolean,
          "provider:network_type": planned.network_type as string,
          ...(typeof planned.physical_network === "string" ? { "provider:physical_network": planned.physical_network } : {}),
          ...(typeof planned.segmentation_id === "number" ? { "provider:segmentation_id": planned.segmentation_id } : {}),
        }),
      typeof planned.segmentation_id === "number" ? ["segmentation_id"] : ["physical_network"],
    );
    const cidr = planned.cidr;
    if (typeof cidr !== "string") return { ...planned, id: net.id, gateway_ip: null, subnet_id: null };
    try {
      const gateway = typeof planned.gateway_ip === "string" ? { gateway_ip: planned.gateway_ip } : {};
      const subnet = await s.call(
        `creating subnet ${cidr} of network ${net.id}`,
        (c) => c.network.createSubnet({ network_id: net.id, name, cidr, ip_version: ipVersion(cidr) ?? 4, enable_dhcp: planned.enable_dhcp as boolean, ...gateway }),
        ["cidr"],
      );
      return { ...planned, id: net.id, gateway_ip: subnet.gateway_ip ?? null, subnet_id: subnet.id };
    } catch (err) {
      await deleteIfExists(s, `deleting network ${net.id} after its subnet failed`, (c) => c.network.deleteNetwork(net.id)).catch(() => undefined);
      throw err;
    }
  },
  async update(prior, planned) {
    const s = await apiSession(TYPE, planned.auth);
    const id = prior.id as string;
    const netChanges = changed(prior, planned, ["name", "shared"]);
    if (netChanges.length > 0) {
      await s.call(`updating network ${id}`, (c) => updateNetwork(c, id, { name: planned.name as string, shared: planned.shared as boolean }), [netChanges[0]]);
    }
    const subnetId = prior.subnet_id;
    const subChanges = changed(prior, planned, ["gateway_ip", "enable_dhcp"]);
    if (typeof subnetId === "string" && subChanges.length > 0) {
      const gateway = typeof planned.gateway_ip === "string" ? { gateway_ip: planned.gateway_ip } : {};
      await s.call(`updating subnet ${subnetId}`, (c) => updateSubnet(c, subnetId, { enable_dhcp: planned.enable_dhcp as boolean, ...gateway }), [subChanges[0]]);
    }
    return planned;
  },
  async delete(prior) {
    const s = await apiSession(TYPE, prior.auth);
    await deleteIfExists(s, `deleting network ${prior.id}`, (c) => c.network.deleteNetwork(prior.id as string));
  },
  async read(state) {
    const s = await apiSession(TYPE, state.auth);
    const found = await readNetwork(s, state.id as string, state.subnet_id);
    return found ? networkState(found.net, found.subnet, state) : null;
  },
  async import(id) {
    const { auth, session } = await importSession(TYPE);
    const found = await readNetwork(session, id, null, true);
    if (!found) throw importNotFound(TYPE, id, "network");
    return networkState(found.net, found.subnet, { auth });
  },
};
