import { describe, expect, test } from "vitest";
import { Hypervisor } from "../../constructs";
import { DRIVER_IDS } from "../../provisioners/drivers/driver";
import { getDriver, listDrivers } from "../../provisioners/drivers/registry";
import { RELEASES } from "../../provisioners/drivers/release";
import { byName, iniOf, newCloud, synth } from "./private/cloud-fixture";

const HOST = "node-1";
const CLUSTER = { name: "c", hostCount: 1, sharedStorage: "s" };
const FACTORIES: [string, () => Hypervisor][] = [
  ["libvirt-kvm-x86", () => Hypervisor.kvm()],
  ["libvirt-kvm-ppc64", () => Hypervisor.kvm({ arch: "ppc64" })],
  ["libvirt-kvm-s390x", () => Hypervisor.kvm({ arch: "s390x" })],
  ["libvirt-kvm-aarch64", () => Hypervisor.kvm({ arch: "aarch64" })],
  ["libvirt-qemu-x86", () => Hypervisor.qemu()],
  ["libvirt-lxc", () => Hypervisor.lxc()],
  ["libvirt-xen", () => Hypervisor.xen()],
  ["libvirt-uml", () => Hypervisor.uml()],
  ["libvirt-vz-vm", () => Hypervisor.virtuozzoVm()],
  ["libvirt-vz-ct", () => Hypervisor.virtuozzoCt()],
  ["xenserver", () => Hypervisor.xenserver({ hypervisorHost: HOST, connectionPasswordSecret: "x" })],
  ["vmware", () => Hypervisor.vmware({ hostIp: "vc", hostUsername: "u", hostPasswordSecret: "p", cluster: CLUSTER })],
  ["hyperv", () => Hypervisor.hyperv({ vswitchName: "ext" })],
  ["docker", () => Hypervisor.docker()],
  ["ironic", () => Hypervisor.ironic()],
  ["zvm", () => Hypervisor.zvm({ cloudConnectorUrl: "http://z:8080/", cluster: CLUSTER })],
  ["powervm", () => Hypervisor.powervm({ hypervisorHost: HOST, diskDriver: "localdisk", volumeGroupName: "rootvg" })],
  ["fake", () => Hypervisor.fake()],
];

describe("Hypervisor", () => {
  test("given the factory list, when compared with the driver layer's ids, then every driver has exactly one factory", () => {
    expect(FACTORIES.map(([id]) => id).sort()).toEqual([...DRIVER_IDS].sort());
  });

  test.each(FACTORIES)("given the factory for %s, when called, then it selects that driver", (id, make) => {
    expect(make().driverId).toBe(id);
  });

  test("given a vCenter hypervisor, when its driver options are resolved, then cluster_name comes from the cluster", () => {
    const h = Hypervisor.vmware({ hostIp: "vc", hostUsername: "u", hostPasswordSecret: "p", cluster: { name: "prod", hostCount: 3, sharedStorage: "ds" } });
    expect(h.driverOptions({ identityUrl: "http://k:5000/v3" })).toMatchObject({ clusterName: "prod", hostIp: "vc" });
    expect(h.cluster).toEqual({ name: "prod", hostCount: 3, sharedStorage: "ds" });
    expect(h.externalSecrets).toEqual(["p"]);
  });

  test("given an Ironic hypervisor without credentials, when resolved, then it uses the cloud's Keystone and a generated service password", () => {
    expect(Hypervisor.ironic().driverOptions({ identityUrl: "http://k:5000/v3" })).toMatchObject({
      authUrl: "http://k:5000/v3", username: "ironic", projectName: "service", passwordSecret: "ironic_service_password",
    });
  });
});

/** Sections of nova.conf that belong to no driver (bus, placement, neutron, locking, volumes, console). */
const COMMON_SECTIONS = ["DEFAULT", "placement", "neutron", "oslo_concurrency", "cinder", "vnc", "spice", "serial_console"];

describe.each(FACTORIES)("a %s compute node", (id, make) => {
  const driver = getDriver(id);
  const release = [...RELEASES].reverse().find((r) => driver.existsIn(r))!;

  test(`given ${release}, a release where it exists, when synthesized, then nova.conf holds only common and its own sections`, () => {
    const cloud = newCloud({ release, securityGroups: false });
    cloud.addComputeNode("n", { host: "node-2", hypervisor: make() });
    const node = byName(synth(cloud), "polyvisor_compute_node", "node-2");
    expect(node).toMatchObject({ driver: id, compute_driver: driver.computeDriver(release), deployment: driver.deployment });
    const novaPath = (node.files as { path: string }[]).find((f) => f.path.endsWith("nova.conf"))!.path;
    const foreign = listDrivers().filter((d) => d.id !== id).flatMap((d) => d.ownedSections).filter((s) => !driver.ownedSections.includes(s));
    const sections = Object.keys(iniOf(node, novaPath));
    expect(sections.filter((s) => foreign.includes(s))).toEqual([]);
    expect(sections.filter((s) => !COMMON_SECTIONS.includes(s) && !driver.ownedSections.includes(s))).toEqual([]);
  });
});
