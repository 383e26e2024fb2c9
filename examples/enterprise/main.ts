// A mixed enterprise cloud with every seed hypervisor at once: KVM, Xen (libvirt) and XenServer
// (XenAPI, agent in a domU), Hyper-V, two nova-compute proxies in front of one vCenter, Docker
// (nova-docker), Ironic and z/VM, on VLAN networking with several Cinder backends and Glance stores.
// Release: Mitaka, the release in which all of them exist together (nova-docker ends at Ocata,
// z/VM is then the out-of-tree driver).
import {
  App,
  CinderBackend,
  ContainerFormat,
  DiskFormat,
  GlanceStore,
  Hypervisor,
  Inventory,
  OpenStackCloud,
  VmMode,
} from "../../constructs";
import { exampleFile } from "../find-file";

/** The inventory: $POLYVISOR_ENTERPRISE_INVENTORY, or the one committed beside this file. */
export function inventoryOfEnterprise(): Inventory {
  return Inventory.fromFile(process.env.POLYVISOR_ENTERPRISE_INVENTORY || exampleFile("enterprise", "inventory.yaml"));
}

export function enterprise(app: App, inventory: Inventory = inventoryOfEnterprise()): OpenStackCloud {
  const cloud = new OpenStackCloud(app, "enterprise", {
    release: "mitaka",
    region: "eu-west-1",
    inventory,
    controller: "controller",
    publicAddress: "10.10.0.10",
    tenantNetworkTypes: ["vlan"],
    glanceStores: [
      GlanceStore.rbd({ pool: "images" }),
      GlanceStore.file(),
      GlanceStore.swift({ container: "glance" }),
      GlanceStore.vsphere({ serverHost: "vcenter.example.net", username: "glance@vsphere.local", passwordSecret: "vcenter_password", datastores: ["dc1:vsan-prod"] }),
    ],
  });

  // Networking: one physnet carrying every VLAN; provider networks for production and management.
  const datacentre = cloud.addPhysicalNetwork("datacentre", { name: "datacentre", vlanRanges: [{ min: 1000, max: 1999 }], bridge: "br-dc" });
  cloud.addVlanNetwork("prod", { name: "prod", physicalNetwork: datacentre, segmentationId: 2001, cidr: "10.20.1.0/24", gatewayIp: "10.20.1.1" });
  cloud.addVlanNetwork("mgmt", { name: "mgmt", physicalNetwork: datacentre, segmentationId: 2002, cidr: "10.20.2.0/24", gatewayIp: "10.20.2.1" });

  // Storage: one Cinder backend per protocol family, each with its volume type.
  const ceph = cloud.addVolumeBackend("ceph", { name: "ceph-rbd", backend: CinderBackend.rbd({ pool: "volumes", secretUuid: "5f4c7f3a-6d4b-4b8e-9f43-2a1f8c1e9d10" }) });
  const lvm = cloud.addVolumeBackend("lvm", { name: "lvm-iscsi", backend: CinderBackend.lvm({ volumeGroup: "cinder-volumes" }) });
  const nfs = cloud.addVolumeBackend("nfs", { name: "nfs-gold", backend: CinderBackend.nfs({ shares: ["nas1:/export/cinder"] }) });
  const vmdk = cloud.addVolumeBackend("vmdk", { name: "vmdk-vsan", backend: CinderBackend.vmdk({ hostIp: "vcenter.example.net", username: "cinder@vsphere.local", passwordSecret: "vcenter_password" }) });
  const smb = cloud.addVolumeBackend("smb", { name: "smb-hyperv", backend: CinderBackend.smb({ shares: ["//fileserver/cinder"] }) });
  for (const b of [ceph, lvm, nfs, vmdk, smb]) b.addVolumeType(b.name, { name: b.name });

  // Agent on the hypervisor's own OS.
  for (const host of ["kvm-1", "kvm-2"]) {
    cloud.addComputeNode(host, { host, hypervisor: Hypervisor.kvm({ cpuMode: "host-model" }), volumeBackends: [ceph, lvm, nfs] });
  }
  cloud.addComputeNode("xen-1", { host: "xen-1", hypervisor: Hypervisor.xen(), volumeBackends: [ceph] });
  cloud.addComputeNode("hyperv-1", { host: "hyperv-1", hypervisor: Hypervisor.hyperv({ vswitchName: "external", limitCpuFeatures: true }), volumeBackends: [smb] });
  cloud.addComputeNode("docker-1", { host: "docker-1", hypervisor: Hypervisor.docker() });

  // Agent in a guest of a bare-metal hypervisor: nova-compute in a domU of the XenServer host.
  cloud.addComputeNode("xenserver-1", {
    host: "xenserver-1-domu",
    hypervisor: Hypervisor.xenserver({ hypervisorHost: "xenserver-1", connectionPasswordSecret: "xenserver_password" }),
    volumeBackends: [lvm],
  });

  // Agent in front of a cluster manager: two nova-compute proxies, one per cluster of one vCenter.
  for (const [id, clusterName] of [["vcenter-proxy-1", "prod-a"], ["vcenter-proxy-2", "prod-b"]] as const) {
    cloud.addComputeNode(id, {
      host: id,
      hypervisor: Hypervisor.vmware({
        hostIp: "vcenter.example.net", hostUsername: "nova@vsphere.local", hostPasswordSecret: "vcenter_password",
        cluster: { name: clusterName, hostCount: 8, sharedStorage: `vsan-${clusterName}` }, datastoreRegex: "^vsan-", nsx: true,
      }),
      volumeBackends: [vmdk],
    });
  }
  cloud.addComputeNode("zvm-proxy-1", {
    host: "zvm-proxy-1",
    hypervisor: Hypervisor.zvm({
      xcatServer: "xcat.example.net", xcatUsername: "admin", xcatPasswordSecret: "xcat_password", zvmHost: "ZVMHOST1",
      cluster: { name: "ZVMHOST1", hostCount: 1, sharedStorage: "ECKD:POOL1" },
    }),
  });
  cloud.addComputeNode("ironic-proxy-1", { host: "ironic-proxy-1", hypervisor: Hypervisor.ironic() });

  // One aggregate and availability zone per hypervisor; a flavor and an image pinned to each.
  const zones = cloud.addAvailabilityZonePerHypervisor();
  const images: Record<string, { disk: DiskFormat; container: ContainerFormat; vmMode?: VmMode; properties?: Record<string, string> }> = {
    "libvirt-kvm-x86": { disk: DiskFormat.QCOW2, container: ContainerFormat.BARE, vmMode: VmMode.HVM },
    "libvirt-xen": { disk: DiskFormat.RAW, container: ContainerFormat.BARE, vmMode: VmMode.XEN },
    xenserver: { disk: DiskFormat.VHD, container: ContainerFormat.OVF, vmMode: VmMode.HVM },
    hyperv: { disk: DiskFormat.VHDX, container: ContainerFormat.BARE, vmMode: VmMode.HVM, properties: { hw_machine_type: "hyperv-gen2" } },
    vmware: { disk: DiskFormat.VMDK, container: ContainerFormat.BARE, vmMode: VmMode.HVM, properties: { vmware_disktype: "streamOptimized", vmware_adaptertype: "lsiLogic" } },
    docker: { disk: DiskFormat.RAW, container: ContainerFormat.DOCKER, vmMode: VmMode.EXE },
    ironic: { disk: DiskFormat.QCOW2, container: ContainerFormat.BARE, vmMode: VmMode.HVM },
    zvm: { disk: DiskFormat.RAW, container: ContainerFormat.BARE, vmMode: VmMode.HVM, properties: { os_distro: "rhel7", architecture: "s390x" } },
  };
  for (const [driverId, aggregate] of zones) {
    const hypervisorType = aggregate.computeNodes[0].driver.hypervisorType;
    const baremetal = driverId === "ironic";
    cloud.addFlavor(`flavor-${driverId}`, {
      name: `m1.medium.${driverId}`, vcpus: 2, ramMb: 4096, diskGb: 40, aggregate,
      extraSpecs: baremetal ? { "resources:CUSTOM_BAREMETAL_GOLD": "1", "resources:VCPU": "0", "resources:MEMORY_MB": "0", "resources:DISK_GB": "0" } : undefined,
    });
    const img = images[driverId];
    cloud.addImage(`image-${driverId}`, {
      name: `base-${driverId}`, diskFormat: img.disk, containerFormat: img.container, vmMode: img.vmMode,
      hypervisorType, aggregate, properties: img.properties, sourcePath: `images/base-${driverId}.${img.disk}`,
    });
  }
  // Volume-backed flavor, pinned where volumes work.
  cloud.addFlavor("flavor-kvm-bfv", { name: "m1.medium.kvm.bfv", vcpus: 2, ramMb: 4096, diskGb: 0, aggregate: zones.get("libvirt-kvm-x86") });
  return cloud;
}

if (require.main === module) {
  // The inventory is read before the app exists: a mistake in it leaves no output behind.
  const inventory = inventoryOfEnterprise();
  const app = new App();
  enterprise(app, inventory);
  app.synth();
}
