import { describe, expect, test } from "vitest";
import { Hypervisor } from "../../../constructs";
import { byName, newCloud, synth, synthError } from "../private/cloud-fixture";

describe("HostAggregate", () => {
  test("given nodes of three hypervisors, when one zone per hypervisor is added, then each zone holds only its nodes", () => {
    const cloud = newCloud();
    cloud.addComputeNode("q1", { host: "node-1", hypervisor: Hypervisor.qemu() });
    cloud.addComputeNode("q2", { host: "node-2", hypervisor: Hypervisor.qemu() });
    cloud.addComputeNode("l1", { host: "node-3", hypervisor: Hypervisor.lxc() });
    cloud.addComputeNode("f1", { host: "node-4", hypervisor: Hypervisor.fake() });
    const zones = cloud.addAvailabilityZonePerHypervisor();
    expect([...zones.keys()].sort()).toEqual(["fake", "libvirt-lxc", "libvirt-qemu-x86"]);
    const json = synth(cloud);
    const agg = byName(json, "polyvisor_aggregate", "az-libvirt-qemu-x86");
    // Hosts are references to the compute nodes' names, so the aggregate waits for the nodes.
    const names = (agg.hosts as string[]).map((ref) => {
      const id = /^\$\{polyvisor_compute_node\.([^.]+)\.name\}$/.exec(ref)?.[1];
      return id === undefined ? ref : (json.resource.polyvisor_compute_node[id] as { name: string }).name;
    });
    expect(names).toEqual(["node-1", "node-2"]);
    expect(agg).toMatchObject({
      availability_zone: "az-libvirt-qemu-x86",
      metadata: { hypervisor: "libvirt-qemu-x86", polyvisor_aggregate: "az-libvirt-qemu-x86" },
    });
  });

  test("given Ironic and KVM nodes in one aggregate, when synthesized, then MixedBaremetalAndVirtual names both kinds", () => {
    const cloud = newCloud();
    const kvm = cloud.addComputeNode("k", { host: "node-1", hypervisor: Hypervisor.kvm() });
    const ironic = cloud.addComputeNode("i", { host: "node-2", hypervisor: Hypervisor.ironic() });
    cloud.addAggregate("mixed", { name: "mixed", computeNodes: [kvm, ironic] });
    const msg = synthError(cloud);
    expect(msg).toContain("[MixedBaremetalAndVirtual] cloud/Aggregates/mixed (prop computeNodes): aggregate mixes Ironic (bare metal) and VM hypervisors");
    expect(msg).toContain('"baremetal":["node-2"]');
    expect(msg).toContain('"virtual":["node-1 (libvirt-kvm-x86)"]');
  });

  test("given two aggregates with one name, when synthesized, then DuplicateAggregateName is reported", () => {
    const cloud = newCloud();
    cloud.addAggregate("a", { name: "agg" });
    cloud.addAggregate("b", { name: "agg" });
    expect(synthError(cloud)).toContain("[DuplicateAggregateName] cloud/Aggregates/b (prop name)");
  });
});
