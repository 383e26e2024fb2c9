// How aggregates, networks and volume types read back from the APIs into state: nothing the cloud
// keeps for itself shows as drift, and checks of the declarations point at the attribute.
import { describe, expect, test } from "vitest";
import type { Aggregate } from "../../../provisioners/openstack";
import { aggregate, aggregateState, network, networkState, volumeType, volumeTypeState } from "../../../provider/resources";
import { ObjectValue } from "../../../provider/values";
import { auth, context } from "./support";

describe("polyvisor_aggregate", () => {
  const nova: Aggregate = { id: 3, name: "lxc-hosts", availability_zone: "lxc-az", hosts: ["cmp2", "cmp1"], metadata: { availability_zone: "lxc-az", hypervisor: "lxc" } };

  test("given nova's metadata with the zone key, when read, then the zone is only the availability_zone attribute", () => {
    const state = aggregateState(nova, { metadata: { hypervisor: "lxc" }, hosts: ["cmp1", "cmp2"], auth: null });
    expect(state).toEqual({ id: "3", name: "lxc-hosts", availability_zone: "lxc-az", metadata: { hypervisor: "lxc" }, hosts: ["cmp1", "cmp2"], auth: null });
  });

  test("given a host added by hand, when read, then the drift shows in hosts", () => {
    expect(aggregateState({ ...nova, hosts: ["cmp1", "cmp2", "cmp3"] }, { metadata: null, hosts: ["cmp1", "cmp2"] }).hosts).toEqual(["cmp1", "cmp2", "cmp3"]);
  });

  test.each([
    ["a new zone", "az-1", "az-2", []],
    ["a zone added", null, "az-1", []],
    ["the zone removed (nova refuses an empty zone)", "az-1", null, [["availability_zone"]]],
    ["new metadata and hosts", "az-1", "az-1", []],
  ])("given %s, when planned, then the replacement paths are %j", async (_name, before, after, replace) => {
    const prior: ObjectValue = { id: "3", name: "a", availability_zone: before, metadata: { a: "1" }, hosts: ["cmp1"], auth: auth("http://127.0.0.1:5000/v3") };
    const next = { ...prior, availability_zone: after, metadata: { a: "2" }, hosts: ["cmp1", "cmp2"] };
    const res = await aggregate.plan!({ prior, config: next, proposed: next, planned: next }, context());
    expect(res.requiresReplace).toEqual(replace);
  });

  test("given metadata setting availability_zone, when validated, then the diagnostic says to use the attribute", async () => {
    const diags = await aggregate.validate!({ name: "a", metadata: { availability_zone: "z" }, auth: auth("http://127.0.0.1:5000/v3") }, context());
    expect(diags.map((d) => [d.path, d.detail?.includes("availability_zone attribute")])).toEqual([[["metadata", { key: "availability_zone" }], true]]);
  });
});

describe("polyvisor_network", () => {
  const config = (over: ObjectValue): ObjectValue => ({
    name: "provider", network_type: "vlan", physical_network: "physnet1", segmentation_id: 100, shared: null,
    cidr: "192.0.2.0/24", gateway_ip: null, enable_dhcp: null, auth: auth("http://127.0.0.1:5000/v3"), ...over,
  });

  test.each([
    ["a VLAN id of 0", { segmentation_id: 0 }, ["segmentation_id"]],
    ["a VLAN id of 4095", { segmentation_id: 4095 }, ["segmentation_id"]],
    ["a VLAN network without physnet", { physical_network: null }, ["physical_network"]],
    ["a flat network with a VLAN id", { network_type: "flat", segmentation_id: 5 }, ["segmentation_id"]],
    ["a vxlan network with a physnet", { network_type: "vxlan", segmentation_id: null }, ["physical_network"]],
    ["an unknown network type", { network_type: "vlan802" }, ["network_type"]],
    ["a CIDR that is not one", { cidr: "192.0.2.0/33" }, ["cidr"]],
    ["a gateway without subnet", { cidr: null, gateway_ip: "192.0.2.1" }, ["gateway_ip"]],
  ])("given %s, when validated, then the diagnostic points at the attribute", async (_name, over, where) => {
    expect((await network.validate!(config(over), context())).map((d) => d.path)).toEqual([where]);
  });

  test.each([
    ["VLAN id 1", { segmentation_id: 1 }],
    ["VLAN id 4094", { segmentation_id: 4094 }],
    ["an IPv6 subnet", { cidr: "2001:db8::/64" }],
  ])("given %s, when validated, then it is accepted", async (_name, over) => {
    expect(await network.validate!(config(over), context())).toEqual([]);
  });

  test("given neutron's network and subnet, when read, then state carries the segment and subnet", () => {
    const state = networkState(
      { id: "n1", name: "provider", status: "ACTIVE", shared: true, subnets: ["s1"], "provider:network_type": "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 100 },
      { id: "s1", name: "provider", network_id: "n1", cidr: "192.0.2.0/24", ip_version: 4, gateway_ip: "192.0.2.1", enable_dhcp: false },
      { auth: null },
    );
    expect(state).toMatchObject({ network_type: "vlan", physical_network: "physnet1", segmentation_id: 100, cidr: "192.0.2.0/24", gateway_ip: "192.0.2.1", subnet_id: "s1" });
  });
});

describe("polyvisor_volume_type", () => {
  test("given cinder's extra specs, when read, then volume_backend_name is its own attribute and not an extra spec", () => {
    const state = volumeTypeState({ id: "t1", name: "ceph", is_public: true, extra_specs: { volume_backend_name: "rbd-1", "rbd:flatten": "true" } }, { extra_specs: null, auth: null });
    expect([state.volume_backend_name, state.extra_specs]).toEqual(["rbd-1", { "rbd:flatten": "true" }]);
  });

  test("given extra_specs setting volume_backend_name, when validated, then the diagnostic points at that key", async () => {
    const diags = await volumeType.validate!({ name: "t", volume_backend_name: "lvm-1", extra_specs: { volume_backend_name: "x" }, auth: null }, context());
    expect(diags.map((d) => d.path)).toEqual([["extra_specs", { key: "volume_backend_name" }]]);
  });
});
