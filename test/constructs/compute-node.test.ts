import { describe, expect, test } from "vitest";
import { CinderBackend, Hypervisor } from "../../constructs";
import { isPolyvisorError } from "../../provisioners/errors";
import { byName, fileOf, iniOf, newCloud, resources, synth, synthError } from "./private/cloud-fixture";

const VCENTER = { hostIp: "vc.example", hostUsername: "nova", hostPasswordSecret: "vcenter_password" } as const;
const vmware = (extra: { nsx?: boolean; sharedStorage?: string } = {}) =>
  Hypervisor.vmware({ ...VCENTER, nsx: extra.nsx, cluster: { name: "c1", hostCount: 4, sharedStorage: "sharedStorage" in extra ? extra.sharedStorage : "vsan-1" } });

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, none was thrown");
}

describe("ComputeNode deployment architectures", () => {
  test("given a libvirt node, when synthesized, then nova-compute runs on the hypervisor host itself", () => {
    const cloud = newCloud();
    cloud.addComputeNode("kvm", { host: "node-1", hypervisor: Hypervisor.kvm() });
    const node = byName(synth(cloud), "polyvisor_compute_node", "node-1");
    expect(node).toMatchObject({ deployment: "on-host", driver: "libvirt-kvm-x86", compute_driver: "libvirt.LibvirtDriver" });
    expect(node.host_id).toMatch(/^\$\{polyvisor_host\.Hosts_node-1_[0-9A-F]+\.id\}$/);
    expect(node.hypervisor_host_id).toBeUndefined();
  });

  test("given a XenServer node, when synthesized, then nova-compute runs in the domU and names the dom0 host", () => {
    const cloud = newCloud({ release: "ussuri" });
    cloud.addComputeNode("xs", {
      host: "node-2",
      hypervisor: Hypervisor.xenserver({ hypervisorHost: "node-1", connectionPasswordSecret: "xenserver_password" }),
    });
    const json = synth(cloud);
    const node = byName(json, "polyvisor_compute_node", "node-2");
    expect(node.deployment).toBe("in-guest");
    expect(node.host_id).toContain("Hosts_node-2_");
    expect(node.hypervisor_host_id).toContain("Hosts_node-1_");
    expect(iniOf(node, "/etc/nova/nova.conf").xenserver.connection_url).toBe("http://192.0.2.21");
    expect(json.variable?.xenserver_password?.sensitive).toBe(true);
  });

  test("given a XenServer node without a distinct guest, when created, then GuestIsHypervisorHost is thrown", () => {
    const cloud = newCloud({ release: "ussuri" });
    const err = thrown(() =>
      cloud.addComputeNode("xs", { host: "node-1", hypervisor: Hypervisor.xenserver({ hypervisorHost: "node-1", connectionPasswordSecret: "x" }) }),
    );
    expect(isPolyvisorError(err, "GuestIsHypervisorHost")).toBe(true);
  });

  test("given two vCenter proxies in front of one vCenter, when synthesized, then each records its cluster and shared storage", () => {
    const cloud = newCloud();
    cloud.addComputeNode("vc1", { host: "node-1", name: "vc-prod-a", hypervisor: Hypervisor.vmware({ ...VCENTER, nsx: true, cluster: { name: "prod-a", hostCount: 8, sharedStorage: "vsan-a" } }) });
    cloud.addComputeNode("vc2", { host: "node-2", name: "vc-prod-b", hypervisor: Hypervisor.vmware({ ...VCENTER, nsx: true, cluster: { name: "prod-b", hostCount: 3, sharedStorage: "vsan-b" } }) });
    const json = synth(cloud);
    expect(byName(json, "polyvisor_compute_node", "vc-prod-a")).toMatchObject({
      deployment: "proxy",
      cluster: { name: "prod-a", host_count: 8, shared_storage: "vsan-a", manager_address: "vc.example" },
    });
    expect(iniOf(byName(json, "polyvisor_compute_node", "vc-prod-b"), "/etc/nova/nova.conf").vmware.cluster_name).toBe("prod-b");
  });

  test("given two vCenter proxies on one host, when synthesized, then FileWrittenTwice names both nodes, the host and the files", () => {
    const cloud = newCloud();
    cloud.addComputeNode("vc1", { host: "node-1", name: "vc-prod-a", hypervisor: Hypervisor.vmware({ ...VCENTER, nsx: true, cluster: { name: "prod-a", hostCount: 8, sharedStorage: "vsan-a" } }) });
    cloud.addComputeNode("vc2", { host: "node-1", name: "vc-prod-b", hypervisor: Hypervisor.vmware({ ...VCENTER, nsx: true, cluster: { name: "prod-b", hostCount: 3, sharedStorage: "vsan-b" } }) });
    const message = synthError(cloud);
    expect(message).toContain("[FileWrittenTwice] cloud/Compute/vc2: cloud/Compute/vc2 and cloud/Compute/vc1 both write /etc/nova/nova.conf");
    expect(message).toContain('on host node-1 (got "node-1")');
    expect(message).toMatch(/Fix: place cloud\/Compute\/vc2 on another host/);
  });

  test("given a compute node on the controller's host, when synthesized, then FileWrittenTwice names the control plane and the node", () => {
    const cloud = newCloud();
    cloud.addComputeNode("q", { host: "controller", hypervisor: Hypervisor.qemu() });
    expect(synthError(cloud)).toMatch(/\[FileWrittenTwice\] cloud\/Compute\/q: cloud\/Compute\/q and cloud\/ControlPlane both write \/etc\/nova\/nova\.conf.* on host controller/);
  });

  test("given a vCenter cluster without shared storage, when the node is created, then ClusterWithoutSharedStorage is thrown", () => {
    const cloud = newCloud();
    const err = thrown(() => cloud.addComputeNode("vc", { host: "node-1", hypervisor: vmware({ nsx: true, sharedStorage: undefined }) }));
    expect(isPolyvisorError(err, "ClusterWithoutSharedStorage")).toBe(true);
    expect(err.message).toContain("cloud/Compute/vc (prop hypervisor.cluster.sharedStorage): cluster c1 has no shared storage");
  });
});

describe("ComputeNode metering", () => {
  test.each([
    ["qemu", "libvirt", () => Hypervisor.qemu()],
    ["vmware", "vsphere", () => vmware({ nsx: true })],
    ["hyperv", "hyperv", () => Hypervisor.hyperv({ vswitchName: "ext" })],
  ] as const)("given a %s node, when synthesized, then the Ceilometer inspector is %s", (_name, inspector, hv) => {
    const cloud = newCloud();
    cloud.addComputeNode("n", { host: "node-1", hypervisor: hv() });
    const node = byName(synth(cloud), "polyvisor_compute_node", "node-1");
    expect(node.metering_inspector).toBe(inspector);
    expect((node.files as { path: string }[]).some((f) => f.path.endsWith("ceilometer.conf"))).toBe(true);
  });

  test.each([
    ["docker", "mitaka", () => Hypervisor.docker()],
    ["zvm", "zed", () => Hypervisor.zvm({ cloudConnectorUrl: "http://zvm.example:8080/", cluster: { name: "ZVM1", hostCount: 1, sharedStorage: "ECKD:POOL1" } })],
  ] as const)("given a %s node, when created, then metering says plainly it is not available", (_name, release, hv) => {
    const cloud = newCloud({ release, tenantNetworkTypes: ["vlan"] });
    const node = cloud.addComputeNode("n", { host: "node-1", hypervisor: hv() });
    expect(node.metering.available).toBe(false);
    expect(node.metering.available === false && node.metering.reason.length).toBeGreaterThan(10);
    const json = byName(synth(cloud), "polyvisor_compute_node", "node-1");
    expect(json.metering_inspector).toBeUndefined();
    expect((json.files as { path: string }[]).some((f) => f.path.endsWith("ceilometer.conf"))).toBe(false);
  });
});

describe("ComputeNode rendered config", () => {
  test.each([
    ["docker", "mitaka", () => Hypervisor.docker()],
    ["vmware", "zed", () => vmware({ nsx: true })],
    ["ironic", "zed", () => Hypervisor.ironic()],
    ["hyperv", "zed", () => Hypervisor.hyperv({ vswitchName: "ext" })],
  ] as const)("given a %s node, when synthesized, then its nova.conf has no [libvirt] section", (_n, release, hv) => {
    const cloud = newCloud({ release });
    const node = cloud.addComputeNode("n", { host: "node-1", hypervisor: hv() });
    const res = byName(synth(cloud), "polyvisor_compute_node", "node-1");
    const novaPath = (res.files as { path: string }[]).find((f) => f.path.endsWith("nova.conf"))!.path;
    const nova = iniOf(res, novaPath);
    expect(Object.keys(nova)).not.toContain("libvirt");
    expect(nova.DEFAULT.compute_driver).toBe(node.driver.computeDriver(release));
  });

  test("given a QEMU node, when synthesized, then nova.conf starts with the generated-by header and carries virt_type", () => {
    const cloud = newCloud();
    cloud.addComputeNode("q", { host: "node-1", hypervisor: Hypervisor.qemu({ cpuMode: "none" }) });
    const nova = fileOf(byName(synth(cloud), "polyvisor_compute_node", "node-1"), "/etc/nova/nova.conf");
    expect(nova.content.split("\n")[0]).toBe("# Generated by polyvisor 0.1.0 / cloud/Compute/q nova-compute.");
    expect(iniOf(byName(synth(cloud), "polyvisor_compute_node", "node-1"), "/etc/nova/nova.conf").libvirt.virt_type).toBe("qemu");
  });

  test("given the same definition twice, when synthesized, then the output is byte-identical", () => {
    const build = () => {
      const cloud = newCloud();
      cloud.addComputeNode("q", { host: "node-1", hypervisor: Hypervisor.qemu() });
      cloud.addComputeNode("l", { host: "node-2", hypervisor: Hypervisor.lxc() });
      return JSON.stringify(synth(cloud));
    };
    expect(build()).toBe(build());
  });

  test("given a node, when synthesized, then files hold secret placeholders only and secrets reference generated passwords", () => {
    const cloud = newCloud();
    cloud.addComputeNode("q", { host: "node-1", hypervisor: Hypervisor.qemu() });
    const json = synth(cloud);
    const node = byName(json, "polyvisor_compute_node", "node-1");
    const nova = fileOf(node, "/etc/nova/nova.conf");
    expect(nova.mode).toBe("0640");
    expect(nova.content).toContain("password = ${secret:placement_service_password}");
    const secrets = node.secrets as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual(["ceilometer_service_password", "neutron_service_password", "nova_migration_key_seed", "placement_service_password", "rabbit_password"]);
    for (const v of Object.values(secrets)) expect(v).toMatch(/^\$\{polyvisor_password\.Secrets_[a-z_]+_[0-9A-F]+\.value\}$/);
    expect(resources(json, "polyvisor_password").map((p) => p.name)).toContain("placement_service_password");
    // The raw JSON keeps the placeholder escaped, so terraform passes it on literally.
    expect(JSON.stringify(json)).toContain("$${secret:placement_service_password}");
  });

  test("given nova overrides, when synthesized, then the override wins and is listed in the header", () => {
    const cloud = newCloud();
    cloud.addComputeNode("q", { host: "node-1", hypervisor: Hypervisor.qemu(), novaOverrides: { DEFAULT: { debug: true } } });
    const nova = fileOf(byName(synth(cloud), "polyvisor_compute_node", "node-1"), "/etc/nova/nova.conf");
    expect(nova.content).toContain("# Explicit overrides: [DEFAULT] debug");
    expect(nova.content).toContain("debug = true");
  });
});

describe("ComputeNode validation", () => {
  test("given XenServer on Zed, when the node is created, then DriverNotInRelease names the release span", () => {
    const cloud = newCloud({ release: "zed" });
    const err = thrown(() =>
      cloud.addComputeNode("xs", { host: "node-2", hypervisor: Hypervisor.xenserver({ hypervisorHost: "node-1", connectionPasswordSecret: "x" }) }),
    );
    expect(isPolyvisorError(err, "DriverNotInRelease")).toBe(true);
    expect(err.message).toContain("[DriverNotInRelease] cloud/Compute/xs (prop hypervisor): XenServer");
    expect(err.message).toContain("does not exist in OpenStack zed");
    expect(err.message).toContain("liberty..ussuri");
  });

  test("given an LXC node with a volume backend, when synthesized, then VolumesNotSupported is reported", () => {
    const cloud = newCloud();
    cloud.addVolumeBackend("lvm", { name: "lvm-1", backend: CinderBackend.lvm() });
    cloud.addComputeNode("lxc", { host: "node-1", hypervisor: Hypervisor.lxc(), volumeBackends: ["lvm-1"] });
    expect(synthError(cloud)).toContain("[VolumesNotSupported] cloud/Compute/lxc (prop volumeBackends): Libvirt LXC cannot attach Cinder volumes");
  });

  test("given a node naming an undefined backend and network, when synthesized, then both are reported", () => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1" });
    cloud.addVlanNetwork("v10", { name: "v10", physicalNetwork: "physnet1", segmentationId: 10 });
    cloud.addComputeNode("q", { host: "node-1", hypervisor: Hypervisor.qemu(), volumeBackends: ["ceph"], networks: ["v11"] });
    const msg = synthError(cloud);
    expect(msg).toContain('[UndefinedVolumeBackend] cloud/Compute/q (prop volumeBackends): compute node references a Cinder backend the cloud does not define (got "ceph")');
    expect(msg).toContain('[UndefinedNetwork] cloud/Compute/q (prop networks): compute node references a network the cloud does not define (got "v11"). Allowed: v10');
  });

  test("given a bridge mapping for an undefined physnet, when synthesized, then UndefinedNetwork is reported", () => {
    const cloud = newCloud();
    cloud.addComputeNode("q", { host: "node-1", hypervisor: Hypervisor.qemu(), bridgeMappings: { physnet7: "br-7" } });
    expect(synthError(cloud)).toContain('[UndefinedNetwork] cloud/Compute/q (prop bridgeMappings): bridge mapping names a physnet the cloud does not define (got "physnet7")');
  });

  test("given a vCenter node without NSX in a cloud with security groups, when synthesized, then SecurityGroupsNeedNsx is reported", () => {
    const cloud = newCloud({ securityGroups: true });
    cloud.addComputeNode("vc", { host: "node-1", hypervisor: vmware() });
    expect(synthError(cloud)).toContain("[SecurityGroupsNeedNsx] cloud/Compute/vc (prop hypervisor.nsx): security groups on VMware vCenter are enforced only with VMware NSX");
  });

  test("given a vCenter node without NSX and security groups off, when synthesized, then it is accepted", () => {
    const cloud = newCloud({ securityGroups: false });
    cloud.addComputeNode("vc", { host: "node-1", hypervisor: vmware() });
    expect(synthError(cloud)).toBe("");
  });

  test.each([
    ["vxlan", "Hyper-V", () => Hypervisor.hyperv({ vswitchName: "ext" })],
    ["gre", "Hyper-V", () => Hypervisor.hyperv({ vswitchName: "ext" })],
    ["vxlan", "VMware vCenter", () => vmware({ nsx: false })],
    ["gre", "VMware vCenter", () => vmware({ nsx: false })],
  ] as const)("given %s tenant networks and a %s node without NSX, when synthesized, then NetworkTypeNeedsNsx is reported", (type, title, hv) => {
    const cloud = newCloud({ tenantNetworkTypes: [type], securityGroups: false });
    cloud.addComputeNode("n", { host: "node-1", hypervisor: hv() });
    const msg = synthError(cloud);
    expect(msg).toContain(`[NetworkTypeNeedsNsx] cloud/Compute/n (prop hypervisor.nsx): ${type} networks (tenant network type) on ${title} need`);
  });

  test("given vxlan tenant networks and a vCenter node with NSX, when synthesized, then it is accepted", () => {
    const cloud = newCloud({ tenantNetworkTypes: ["vxlan"] });
    cloud.addComputeNode("vc", { host: "node-1", hypervisor: vmware({ nsx: true }) });
    expect(synthError(cloud)).toBe("");
  });

  test.each(["vxlan", "gre", "geneve", "local"] as const)("given %s tenant networks and a z/VM node, when synthesized, then NetworkTypeNotSupported allows flat and vlan only", (type) => {
    const cloud = newCloud({ tenantNetworkTypes: [type] });
    cloud.addComputeNode("z", { host: "node-1", hypervisor: Hypervisor.zvm({ cloudConnectorUrl: "http://zvm:8080/", cluster: { name: "Z1", hostCount: 1, sharedStorage: "ECKD:P1" } }) });
    const msg = synthError(cloud);
    expect(msg).toContain(`[NetworkTypeNotSupported] cloud/Compute/z (prop networks): z/VM cannot plug instances into ${type} networks`);
    expect(msg).toContain(". Allowed: flat, vlan.");
  });

  test("given two nodes with one nova host name, when synthesized, then DuplicateComputeNodeName is reported", () => {
    const cloud = newCloud();
    cloud.addComputeNode("a", { host: "node-1", hypervisor: Hypervisor.qemu() });
    cloud.addComputeNode("b", { host: "node-1", hypervisor: Hypervisor.fake() });
    expect(synthError(cloud)).toContain('[DuplicateComputeNodeName] cloud/Compute/b (prop name): two compute nodes have the same nova host name (got "node-1")');
  });

  test("given a node on a host nobody defined, when created, then UndefinedHost lists the known hosts", () => {
    const cloud = newCloud();
    const err = thrown(() => cloud.addComputeNode("a", { host: "nope", hypervisor: Hypervisor.qemu() }));
    expect(isPolyvisorError(err, "UndefinedHost")).toBe(true);
    expect(err.message).toContain("controller, node-1");
  });
});
