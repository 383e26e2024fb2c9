// The all-in-one cloud for this machine: a controller, two QEMU compute nodes, one LXC node and one
// fake-driver node, on OpenStack Zed (what Debian 12 ships). Images come from
// scripts/images/build-guest-images.sh (built from Debian packages only). Hosts come from an inventory file:
// POLYVISOR_INVENTORY, or the committed examples/all-in-one/inventory.yaml. Compute hosts are used
// in file order: QEMU, QEMU, LXC, fake (with only three compute hosts there is no fake node: it
// cannot share a host with another role, whose /etc/nova/nova.conf it would overwrite).
import * as path from "node:path";
import {
  App,
  ContainerFormat,
  DiskFormat,
  Hypervisor,
  Inventory,
  OpenStackCloud,
  VmMode,
} from "../../constructs";
import { exampleFile, projectRoot } from "../find-file";
import type { IniOverrides } from "../../provisioners/config/render-ini";

/** Image files on the machine running terraform: $POLYVISOR_IMAGE_DIR, or .polyvisor/images. */
function imageFile(name: string): string {
  return path.resolve(process.env.POLYVISOR_IMAGE_DIR || path.join(projectRoot(), ".polyvisor", "images"), name);
}

/**
 * Per-node nova.conf overrides from $POLYVISOR_NODE_OVERRIDES (JSON: node id -> {section: {key:
 * value}}), e.g. {"qemu-1":{"DEFAULT":{"cpu_allocation_ratio":4}}}: a day-2 change to one node.
 */
function nodeOverrides(): Record<string, IniOverrides> {
  const text = process.env.POLYVISOR_NODE_OVERRIDES;
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, IniOverrides>;
  } catch (err) {
    throw new Error(`POLYVISOR_NODE_OVERRIDES is not JSON (${(err as Error).message}); expected {"qemu-1":{"DEFAULT":{"cpu_allocation_ratio":4}}}`);
  }
}

/** The inventory: $POLYVISOR_INVENTORY, or the one committed beside this file. */
export function inventoryOfAllInOne(): Inventory {
  return Inventory.fromFile(process.env.POLYVISOR_INVENTORY || exampleFile("all-in-one", "inventory.yaml"));
}

export function allInOne(app: App, inventory: Inventory = inventoryOfAllInOne()): OpenStackCloud {
  const controller = inventory.withRole("controller")[0]?.name ?? inventory.hosts[0].name;
  // This machine's kernel has no OVS module: Open vSwitch runs with the userspace datapath.
  const cloud = new OpenStackCloud(app, "all-in-one", {
    release: "zed", region: "RegionOne", inventory, controller,
    openvswitch: { datapathType: "netdev", ovsdbConnection: "tcp:127.0.0.1:6640" },
    // As proven on these hosts (provisioners/roles/zed): no security-group firewall on the
    // userspace datapath.
    securityGroups: false,
  });

  const compute = inventory.withRole("compute").map((h) => h.name);
  const physnet1 = cloud.addPhysicalNetwork("physnet1", { name: "physnet1", vlanRanges: [{ min: 100, max: 199 }], bridge: "br-physnet1" });
  cloud.addVlanNetwork("provider-vlan-101", { name: "provider-vlan-101", physicalNetwork: physnet1, segmentationId: 101, cidr: "10.90.1.0/24" });

  const tuning = nodeOverrides();
  // No telemetry service in this cloud: the nodes run no Ceilometer agent.
  cloud.addComputeNode("qemu-1", { host: compute[0], hypervisor: Hypervisor.qemu({ cpuMode: "none" }), novaOverrides: tuning["qemu-1"], metering: false });
  cloud.addComputeNode("qemu-2", { host: compute[1], hypervisor: Hypervisor.qemu({ cpuMode: "none" }), novaOverrides: tuning["qemu-2"], metering: false });
  cloud.addComputeNode("lxc-1", { host: compute[2], hypervisor: Hypervisor.lxc(), novaOverrides: tuning["lxc-1"], metering: false });
  if (compute[3]) cloud.addComputeNode("fake-1", { host: compute[3], hypervisor: Hypervisor.fake(), novaOverrides: tuning["fake-1"] });

  const zones = cloud.addAvailabilityZonePerHypervisor();
  const qemu = zones.get("libvirt-qemu-x86")!;
  const lxc = zones.get("libvirt-lxc")!;
  const fake = zones.get("fake");

  const qemuFlavor = cloud.addFlavor("m1-tiny-qemu", { name: "m1.tiny.qemu", vcpus: 1, ramMb: 256, diskGb: 1, aggregate: qemu });
  const lxcFlavor = cloud.addFlavor("c1-tiny-lxc", { name: "c1.tiny.lxc", vcpus: 1, ramMb: 128, diskGb: 1, aggregate: lxc });

  const qemuImage = cloud.addImage("guest-qemu", {
    name: "guest-qemu", diskFormat: DiskFormat.QCOW2, containerFormat: ContainerFormat.BARE,
    hypervisorType: "qemu", vmMode: VmMode.HVM, aggregate: qemu, sourcePath: imageFile("guest-qemu.qcow2"),
  });
  const lxcImage = cloud.addImage("guest-lxc", {
    name: "guest-lxc", diskFormat: DiskFormat.RAW, containerFormat: ContainerFormat.BARE,
    hypervisorType: "lxc", vmMode: VmMode.EXE, aggregate: lxc, sourcePath: imageFile("guest-lxc.raw"),
    // libvirt LXC starts this as the container's init.
    properties: { os_command_line: "/sbin/init" },
  });
  // One server per hypervisor, launched by the deploy: each lands on its own node through the
  // flavor's aggregate and the image's hypervisor_type.
  cloud.addInstance("smoke-qemu", { name: "smoke-qemu", image: qemuImage, flavor: qemuFlavor });
  cloud.addInstance("smoke-lxc", { name: "smoke-lxc", image: lxcImage, flavor: lxcFlavor });
  if (fake) {
    const fakeFlavor = cloud.addFlavor("f1-tiny-fake", { name: "f1.tiny.fake", vcpus: 1, ramMb: 64, diskGb: 1, aggregate: fake });
    const fakeImage = cloud.addImage("fake-image", {
      name: "fake-image", diskFormat: DiskFormat.RAW, containerFormat: ContainerFormat.BARE,
      hypervisorType: "fake", aggregate: fake, sourcePath: imageFile("guest-fake.raw"),
    });
    cloud.addInstance("smoke-fake", { name: "smoke-fake", image: fakeImage, flavor: fakeFlavor });
  }
  return cloud;
}

if (require.main === module) {
  // The inventory is read before the app exists: a mistake in it leaves no output behind.
  const inventory = inventoryOfAllInOne();
  const app = new App();
  allInOne(app, inventory);
  app.synth();
}
