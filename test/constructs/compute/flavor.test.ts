import { describe, expect, test } from "vitest";
import { Hypervisor } from "../../../constructs";
import { isPolyvisorError } from "../../../provisioners/errors";
import { byName, newCloud, synth, synthError } from "../private/cloud-fixture";

describe("Flavor", () => {
  test("given a flavor pinned to an aggregate, when synthesized, then its extra specs match the aggregate metadata", () => {
    const cloud = newCloud();
    cloud.addComputeNode("q", { host: "node-1", hypervisor: Hypervisor.qemu() });
    const qemu = cloud.addAvailabilityZonePerHypervisor().get("libvirt-qemu-x86");
    cloud.addFlavor("small", { name: "m1.small", vcpus: 1, ramMb: 512, diskGb: 5, aggregate: qemu, extraSpecs: { "hw:cpu_policy": "shared" } });
    expect(byName(synth(cloud), "polyvisor_flavor", "m1.small")).toMatchObject({
      vcpus: 1,
      ram_mb: 512,
      disk_gb: 5,
      extra_specs: {
        "aggregate_instance_extra_specs:hypervisor": "libvirt-qemu-x86",
        "aggregate_instance_extra_specs:polyvisor_aggregate": "az-libvirt-qemu-x86",
        "hw:cpu_policy": "shared",
      },
    });
  });

  test("given a flavor pinned to an aggregate with no hosts, when synthesized, then FlavorAggregateEmpty is reported", () => {
    const cloud = newCloud();
    const empty = cloud.addAggregate("empty", { name: "empty" });
    cloud.addFlavor("f", { name: "f", vcpus: 1, ramMb: 64, diskGb: 1, aggregate: empty });
    expect(synthError(cloud)).toContain(
      '[FlavorAggregateEmpty] cloud/Flavors/f (prop aggregate): flavor is pinned to aggregate empty, which has no hosts (got "empty")',
    );
  });

  test.each([
    ["LXC", "zed", () => Hypervisor.lxc()],
    ["Docker", "mitaka", () => Hypervisor.docker()],
    ["Ironic", "zed", () => Hypervisor.ironic()],
  ] as const)("given a volume-backed flavor pinned to %s, when synthesized, then VolumesNotSupported is reported", (_n, release, hv) => {
    const cloud = newCloud({ release });
    const node = cloud.addComputeNode("n", { host: "node-1", hypervisor: hv() });
    const agg = cloud.addAggregate("agg", { name: "agg", computeNodes: [node] });
    cloud.addFlavor("bfv", { name: "bfv", vcpus: 1, ramMb: 256, diskGb: 0, aggregate: agg });
    const msg = synthError(cloud);
    expect(msg).toContain("[VolumesNotSupported] cloud/Flavors/bfv (prop diskGb): volume-backed flavor (diskGb 0) is pinned to aggregate agg");
    expect(msg).toContain(`node-1 (${node.driverId})`);
  });

  test("given a volume-backed flavor pinned to KVM, when synthesized, then it is accepted", () => {
    const cloud = newCloud();
    const node = cloud.addComputeNode("n", { host: "node-1", hypervisor: Hypervisor.kvm() });
    cloud.addFlavor("bfv", { name: "bfv", vcpus: 1, ramMb: 256, diskGb: 0, aggregate: cloud.addAggregate("agg", { name: "agg", computeNodes: [node] }) });
    expect(synthError(cloud)).toBe("");
  });

  test.each([["vcpus", 0], ["ramMb", -1], ["diskGb", 1.5]] as const)("given %s = %s, when the flavor is created, then InvalidFlavorSize is thrown", (prop, value) => {
    const cloud = newCloud();
    let err: unknown;
    try {
      cloud.addFlavor("f", { name: "f", vcpus: 1, ramMb: 64, diskGb: 1, [prop]: value });
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "InvalidFlavorSize")).toBe(true);
    expect((err as Error).message).toContain(`cloud/Flavors/f (prop ${prop})`);
  });
});
