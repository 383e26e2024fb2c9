import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { byName, newCloud, synth, synthError } from "../private/cloud-fixture";

describe("VlanNetwork", () => {
  test.each([0, 4095, 5000])("given segmentation id %s, when the network is created, then VlanIdOutOfRange names path, value and range", (id) => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1" });
    let err: unknown;
    try {
      cloud.addVlanNetwork("bad", { name: "bad", physicalNetwork: "physnet1", segmentationId: id });
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "VlanIdOutOfRange")).toBe(true);
    expect((err as Error).message).toBe(
      `[VlanIdOutOfRange] cloud/Networks/bad (prop segmentationId): VLAN id is outside the 802.1Q range (got ${id}). Allowed: integers 1..4094. Fix: use the VLAN id the physnet's switches carry for this network`,
    );
  });

  test.each([1, 4094])("given segmentation id %s, when synthesized, then the network resource carries it", (id) => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1" });
    cloud.addVlanNetwork("net", { name: "net", physicalNetwork: "physnet1", segmentationId: id, cidr: "10.0.0.0/24" });
    const net = byName(synth(cloud), "polyvisor_network", "net");
    expect(net).toMatchObject({ network_type: "vlan", physical_network: "physnet1", segmentation_id: id, cidr: "10.0.0.0/24" });
  });

  test("given a network on a physnet the cloud does not define, when synthesized, then UndefinedPhysicalNetwork lists the defined ones", () => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1" });
    cloud.addVlanNetwork("net", { name: "net", physicalNetwork: "physnet9", segmentationId: 10 });
    const msg = synthError(cloud);
    expect(msg).toContain("[UndefinedPhysicalNetwork] cloud/Networks/net (prop physicalNetwork)");
    expect(msg).toContain('(got "physnet9"). Allowed: physnet1');
  });

  test("given two networks on one VLAN of one physnet, when synthesized, then DuplicateVlanId is reported", () => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1" });
    cloud.addVlanNetwork("a", { name: "a", physicalNetwork: "physnet1", segmentationId: 10 });
    cloud.addVlanNetwork("b", { name: "b", physicalNetwork: "physnet1", segmentationId: 10 });
    expect(synthError(cloud)).toContain("[DuplicateVlanId] cloud/Networks/b (prop segmentationId): VLAN 10 is used twice on physnet physnet1");
  });
});
