import { describe, expect, test } from "vitest";
import { Hypervisor } from "../../../constructs";
import { isPolyvisorError } from "../../../provisioners/errors";
import { byName, iniOf, newCloud, synth, synthError } from "../private/cloud-fixture";

describe("PhysicalNetwork", () => {
  test.each([0, 4095, -1, 100.5])("given a VLAN range bound %s, when the physnet is created, then VlanIdOutOfRange is thrown at once", (bad) => {
    const cloud = newCloud();
    let err: unknown;
    try {
      cloud.addPhysicalNetwork("physnet1", { name: "physnet1", vlanRanges: [{ min: bad, max: 200 }] });
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "VlanIdOutOfRange")).toBe(true);
    expect((err as Error).message).toContain("cloud/Networks/physnet1 (prop vlanRanges.min)");
    expect((err as Error).message).toContain("Allowed: integers 1..4094");
  });

  test.each([[1, 1], [1, 4094], [4094, 4094]])("given the boundary range %s..%s, when synthesized, then it is accepted", (min, max) => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1", vlanRanges: [{ min, max }] });
    expect(synthError(cloud)).toBe("");
  });

  test("given two overlapping ranges on one physnet, when synthesized, then VlanRangesOverlap names both ranges", () => {
    const cloud = newCloud();
    const p = cloud.addPhysicalNetwork("physnet1", { name: "physnet1", vlanRanges: [{ min: 100, max: 199 }] });
    p.addVlanRange({ min: 150, max: 250 });
    const msg = synthError(cloud);
    expect(msg).toContain("[VlanRangesOverlap]");
    expect(msg).toContain("cloud/Networks/physnet1 (prop vlanRanges)");
    expect(msg).toContain("VLAN ranges 100:199 and 150:250 overlap on physnet physnet1");
  });

  test("given adjacent ranges on one physnet, when synthesized, then both land in ml2 network_vlan_ranges", () => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1", vlanRanges: [{ min: 100, max: 199 }, { min: 200, max: 299 }] });
    cloud.addPhysicalNetwork("physnet2", { name: "physnet2" });
    const cp = Object.values(synth(cloud).resource.polyvisor_control_plane)[0];
    const ml2 = iniOf(cp, "/etc/neutron/plugins/ml2/ml2_conf.ini");
    expect(ml2.ml2_type_vlan.network_vlan_ranges).toBe("physnet1:100:199,physnet1:200:299,physnet2");
  });

  test("given the same physnet name twice, when synthesized, then DuplicatePhysicalNetwork points at the first", () => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("a", { name: "physnet1" });
    cloud.addPhysicalNetwork("b", { name: "physnet1" });
    const msg = synthError(cloud);
    expect(msg).toContain("[DuplicatePhysicalNetwork] cloud/Networks/b (prop name)");
    expect(msg).toContain("cloud/Networks/a");
  });

  test("given a node on a VLAN network, when synthesized, then its OVS agent maps the physnet to the physnet's bridge", () => {
    const cloud = newCloud();
    const p = cloud.addPhysicalNetwork("physnet1", { name: "physnet1", bridge: "br-vlan" });
    cloud.addVlanNetwork("v100", { name: "v100", physicalNetwork: p, segmentationId: 100 });
    cloud.addComputeNode("a", { host: "node-1", hypervisor: Hypervisor.qemu() });
    cloud.addComputeNode("b", { host: "node-2", hypervisor: Hypervisor.qemu(), bridgeMappings: { physnet1: "br-eth2" } });
    const json = synth(cloud);
    expect(iniOf(byName(json, "polyvisor_compute_node", "node-1"), "/etc/neutron/plugins/ml2/openvswitch_agent.ini").ovs.bridge_mappings).toBe("physnet1:br-vlan");
    expect(iniOf(byName(json, "polyvisor_compute_node", "node-2"), "/etc/neutron/plugins/ml2/openvswitch_agent.ini").ovs.bridge_mappings).toBe("physnet1:br-eth2");
  });
});
