// Hyper-V: nova-compute runs natively on the Windows host (Cloudbase's MSI), section [hyperv] and,
// for consoles, [rdp]. In nova's tree until its removal in 2024.1 (commit b068b04372), so 2023.2 is
// the last in-tree release; later releases need the out-of-tree compute-hyperv driver installed.

import { IniModel, defined } from "../config/ini-model";
import { defineDriver } from "./private/define-driver";
import { collect, numberIn, present, url } from "./private/option-checks";
import { Release } from "./release";

export interface HypervRdpOptions {
  readonly enabled: boolean;
  /** `[rdp] html5_proxy_base_url`, e.g. http://controller:6083/. */
  readonly html5ProxyBaseUrl?: string;
}

export interface HypervOptions {
  /** `vswitch_name`: the external Hyper-V virtual switch instances are connected to. */
  readonly vswitchName: string;
  /** `dynamic_memory_ratio`: above 1 enables dynamic memory. */
  readonly dynamicMemoryRatio?: number;
  /** `limit_cpu_features`: needed to live-migrate across CPU generations. */
  readonly limitCpuFeatures?: boolean;
  readonly configDriveCdrom?: boolean;
  /** `instances_path_share`: SMB share of the instances path (resize and cold migration). */
  readonly instancesPathShare?: string;
  readonly enableInstanceMetricsCollection?: boolean;
  /** `qemu_img_cmd`: path of qemu-img.exe. */
  readonly qemuImgCmd?: string;
  readonly rdp?: HypervRdpOptions;
}

const OUT_OF_TREE_SOURCE =
  "compute-hyperv (Cloudbase, out of nova's tree); upstream development stopped with the Winstackers project, pin its last release";

export const hyperv = defineDriver<HypervOptions>({
  id: "hyperv",
  title: "Hyper-V",
  matrixId: "hyperv",
  hypervisorType: "hyperv",
  imageHypervisorType: "hyperv",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["x86_64", "i686"],
  deployment: "on-host",
  computeHostOs: "windows",
  availability: [
    {
      from: "liberty",
      to: "2023.2",
      tree: "in-tree",
      computeDriver: "hyperv.HyperVDriver",
      source: "nova support matrix driver_timeline (last row unmaintained/2023.1); removed by nova commit b068b04372 in 2024.1",
    },
    {
      from: "2024.1",
      tree: "out-of-tree",
      computeDriver: "compute_hyperv.driver.HyperVDriver",
      source: OUT_OF_TREE_SOURCE,
      outOfTree: {
        project: "compute-hyperv",
        source: OUT_OF_TREE_SOURCE,
        install: [{ name: "compute-hyperv", via: "pip", note: "into the Python environment of the Windows nova-compute service" }],
        note: "capabilities are taken from the last matrix with a Hyper-V row (2023.1)",
      },
    },
  ],
  diskFormats: ["vhd", "vhdx"],
  containerFormats: ["bare"],
  networking: {
    types: ["flat", "vlan", "vxlan", "gre"],
    typesNeedingNsx: ["vxlan", "gre"],
    securityGroups: "native",
    note: "flat and VLAN through the networking-hyperv agent on the host",
  },
  volumes: { protocols: ["iscsi", "smb", "fibre_channel"] },
  meteringInspector: "hyperv",
  services: ["nova-compute", "neutron-hyperv-agent"],
  ownedSections: ["hyperv", "rdp"],
  basePackages: (release: Release) => [
    {
      name: `HyperVNovaCompute_${release}.msi`,
      via: "msi",
      note: "Cloudbase's OpenStack Hyper-V compute installer for the release (nova-compute and the Hyper-V neutron agent as Windows services)",
    },
  ],
  sections: (o, _release, computeDriver): IniModel => ({
    DEFAULT: { compute_driver: computeDriver },
    hyperv: defined({
      vswitch_name: o.vswitchName,
      dynamic_memory_ratio: o.dynamicMemoryRatio,
      limit_cpu_features: o.limitCpuFeatures,
      config_drive_cdrom: o.configDriveCdrom,
      instances_path_share: o.instancesPathShare,
      enable_instance_metrics_collection: o.enableInstanceMetricsCollection,
      qemu_img_cmd: o.qemuImgCmd,
    }),
    rdp: o.rdp ? defined({ enabled: o.rdp.enabled, html5_proxy_base_url: o.rdp.html5ProxyBaseUrl }) : {},
  }),
  validate: (o) =>
    collect(
      present("vswitchName", o.vswitchName, "instances are plugged into an external Hyper-V virtual switch"),
      numberIn("dynamicMemoryRatio", o.dynamicMemoryRatio, 1, 100),
      url("rdp.html5ProxyBaseUrl", o.rdp?.html5ProxyBaseUrl, ["http", "https"])
    ),
});
