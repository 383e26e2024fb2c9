// Requests the provider needs that the typed clients of provisioners/openstack do not offer yet.
// Each is one documented call sent through the clients' public ServiceClient / ComputeClient.
// Asked of provisioners/openstack (see the provider's report); delete this file once they exist:
//   Aggregates.update(id, {name})          PUT /os-aggregates/{id}
//   Servers.update(id, {name})             PUT /servers/{id}
//   Servers.interfaces(id)                 GET /servers/{id}/os-interface
//   Neutron.updateNetwork / updateSubnet   PUT /v2.0/networks/{id}, PUT /v2.0/subnets/{id}
//   Cinder.updateType(id, {is_public})     PUT /types/{id}
import type { OpenStackCloud } from "../../../provisioners/openstack";
import { openstackLayer } from "./openstack-layer";

async function service(cloud: OpenStackCloud, type: string) {
  const { openstack } = await openstackLayer();
  return new openstack.ServiceClient(cloud.session, type);
}

export async function renameAggregate(cloud: OpenStackCloud, id: string, name: string): Promise<void> {
  await cloud.compute.put(`/os-aggregates/${encodeURIComponent(id)}`, { aggregate: { name } });
}

export async function renameServer(cloud: OpenStackCloud, id: string, name: string): Promise<void> {
  await cloud.compute.put(`/servers/${encodeURIComponent(id)}`, { server: { name } });
}

/** Ids of the networks the server has ports on, in nova's order, each once. */
export async function serverNetworkIds(cloud: OpenStackCloud, id: string): Promise<string[]> {
  const body = await cloud.compute.get<{ interfaceAttachments: { net_id: string }[] }>(`/servers/${encodeURIComponent(id)}/os-interface`);
  return [...new Set((body.interfaceAttachments ?? []).map((a) => a.net_id))];
}

export async function updateNetwork(cloud: OpenStackCloud, id: string, network: { name?: string; shared?: boolean }): Promise<void> {
  await (await service(cloud, "network")).put(`/v2.0/networks/${encodeURIComponent(id)}`, { network });
}

export async function updateSubnet(cloud: OpenStackCloud, id: string, subnet: { gateway_ip?: string | null; enable_dhcp?: boolean }): Promise<void> {
  await (await service(cloud, "network")).put(`/v2.0/subnets/${encodeURIComponent(id)}`, { subnet });
}

export async function setVolumeTypePublic(cloud: OpenStackCloud, id: string, isPublic: boolean): Promise<void> {
  await (await service(cloud, "block-storage")).put(`/types/${encodeURIComponent(id)}`, { volume_type: { is_public: isPublic } });
}
