// Typed options for every driver: one valid set and one set nova (or polyvisor) must refuse.

import { DriverId, DriverOptionsMap, Release } from "../../../provisioners/drivers";

export const VALID_OPTIONS: { readonly [K in DriverId]: DriverOptionsMap[K] } = {
  "libvirt-kvm-x86": { cpuMode: "host-passthrough", imagesType: "qcow2", liveMigrationScheme: "tls", liveMigrationInboundAddr: "10.0.0.11" },
  "libvirt-kvm-ppc64": { cpuMode: "host-model" },
  "libvirt-kvm-s390x": { cpuMode: "host-model" },
  "libvirt-kvm-aarch64": { cpuMode: "host-passthrough", hwMachineType: ["aarch64=virt"] },
  "libvirt-qemu-x86": { cpuMode: "none", waitSoftRebootSeconds: 5, liveMigrationScheme: "tcp" },
  "libvirt-lxc": {},
  "libvirt-xen": { liveMigrationScheme: "tcp" },
  "libvirt-uml": {},
  "libvirt-vz-vm": { cpuMode: "host-model" },
  "libvirt-vz-ct": {},
  xenserver: { connectionUrl: "https://xs1.example.org", connectionPasswordSecret: "xenserver_root_password", ovsIntegrationBridge: "br-int" },
  vmware: {
    hostIp: "vcenter.example.org",
    hostUsername: "nova@vsphere.local",
    hostPasswordSecret: "vcenter_password",
    clusterName: "Cluster1",
    datastoreRegex: "^nfs-.*",
  },
  hyperv: { vswitchName: "external", limitCpuFeatures: true, rdp: { enabled: true, html5ProxyBaseUrl: "http://ctl:6083/" } },
  docker: { hostUrl: "unix:///var/run/docker.sock" },
  ironic: { authUrl: "http://ctl:5000/v3", username: "ironic", passwordSecret: "ironic_password", projectName: "service", conductorGroup: "rack1" },
  zvm: { cloudConnectorUrl: "https://zvm.example.org:8080/" },
  powervm: { diskDriver: "ssp", procUnitsFactor: 0.1 },
  fake: { variant: "SmallFakeDriver" },
};

export const INVALID_OPTIONS: { readonly [K in DriverId]: DriverOptionsMap[K] } = {
  "libvirt-kvm-x86": { cpuMode: "host-modle" as never },
  "libvirt-kvm-ppc64": { cpuModels: ["POWER9"] },
  "libvirt-kvm-s390x": { imagesType: "lvm" },
  "libvirt-kvm-aarch64": { rbdSecretUuid: "not-a-uuid", rbdUser: "cinder" },
  "libvirt-qemu-x86": { imagesType: "ploop" },
  "libvirt-lxc": { liveMigrationScheme: "tcp" },
  "libvirt-xen": { waitSoftRebootSeconds: -1 },
  "libvirt-uml": { liveMigrationInboundAddr: "10.0.0.1" },
  "libvirt-vz-vm": { imagesType: "raw" },
  "libvirt-vz-ct": { forceRawImages: true },
  xenserver: { connectionUrl: "xs1", connectionPasswordSecret: "xenserver_root_password" },
  vmware: { hostIp: "vc", hostUsername: "u", hostPasswordSecret: "p", clusterName: "", datastoreRegex: "(" },
  hyperv: { vswitchName: "", dynamicMemoryRatio: 0.5 },
  docker: { hostUrl: "docker.sock" },
  ironic: { authUrl: "ctl:5000", username: "ironic", passwordSecret: "ironic_password", projectName: "service" },
  zvm: { cloudConnectorUrl: "zvm.example.org" },
  powervm: { procUnitsFactor: 2 },
  fake: { variant: "HugeFakeDriver" as never },
};

/** A release in which each driver exists (the newest one), for rendering tests. */
export const A_RELEASE: { readonly [K in DriverId]: Release } = {
  "libvirt-kvm-x86": "zed",
  "libvirt-kvm-ppc64": "zed",
  "libvirt-kvm-s390x": "zed",
  "libvirt-kvm-aarch64": "zed",
  "libvirt-qemu-x86": "zed",
  "libvirt-lxc": "zed",
  "libvirt-xen": "victoria",
  "libvirt-uml": "ussuri",
  "libvirt-vz-vm": "zed",
  "libvirt-vz-ct": "zed",
  xenserver: "ussuri",
  vmware: "zed",
  hyperv: "zed",
  docker: "ocata",
  ironic: "zed",
  zvm: "zed",
  powervm: "yoga",
  fake: "zed",
};
