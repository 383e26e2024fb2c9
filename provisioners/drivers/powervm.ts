// IBM PowerVM: nova-compute runs in the NovaLink partition of each POWER server and drives it
// through pypowervm. In nova's tree from Pike to Yoga (removed in Zed by commit deae814611);
// before Pike the out-of-tree nova-powervm driver.

import { defined } from "../config/ini-model";
import { defineDriver } from "./private/define-driver";
import { collect, numberIn, oneOf, present } from "./private/option-checks";

export interface PowervmOptions {
  /** `proc_units_factor` (0.05..1, default 0.1): processing units per vCPU. */
  readonly procUnitsFactor?: number;
  /** `disk_driver`: localdisk (a volume group on the VIOS) or ssp (shared storage pool). */
  readonly diskDriver?: "localdisk" | "ssp";
  /** `volume_group_name`: required with diskDriver localdisk. */
  readonly volumeGroupName?: string;
}

export const powervm = defineDriver<PowervmOptions>({
  id: "powervm",
  title: "PowerVM",
  matrixId: "powervm",
  hypervisorType: "phyp",
  imageHypervisorType: "phyp",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["ppc64", "ppc64le"],
  deployment: "in-guest",
  computeHostOs: "linux",
  availability: [
    {
      from: "liberty",
      to: "ocata",
      tree: "out-of-tree",
      computeDriver: "powervm.driver.PowerVMDriver",
      source: "nova-powervm (out of tree before nova re-added PowerVM in Pike)",
      outOfTree: {
        project: "nova-powervm",
        source: "openstack/nova-powervm, branch of the target release",
        install: [{ name: "nova-powervm", via: "git", note: "installed with pip into nova's Python environment" }],
        note: "capabilities are taken from the earliest matrix with a PowerVM row",
      },
    },
    {
      from: "pike",
      to: "yoga",
      tree: "in-tree",
      computeDriver: "powervm.PowerVMDriver",
      source: "nova support matrix driver_timeline; removed by nova commit deae814611 (Zed)",
    },
  ],
  diskFormats: ["raw"],
  containerFormats: ["bare"],
  networking: {
    types: ["flat", "vlan"],
    typesNeedingNsx: [],
    securityGroups: "none",
    note: "Shared Ethernet Adapter networking through networking-powervm",
  },
  volumes: { protocols: ["fibre_channel", "iscsi"] },
  meteringInspector: null,
  meteringNote: "Ceilometer's PowerVM inspector lives out of tree (ceilometer-powervm); polyvisor does not install it",
  services: ["nova-compute"],
  ownedSections: ["powervm"],
  basePackages: () => [
    { name: "nova-compute", via: "apt", note: "in the NovaLink partition" },
    { name: "pypowervm", via: "pip" },
    { name: "NovaLink", via: "vendor", note: "IBM's management partition on each POWER server" },
  ],
  sections: (o, _release, computeDriver) => ({
    DEFAULT: { compute_driver: computeDriver },
    powervm: defined({ proc_units_factor: o.procUnitsFactor, disk_driver: o.diskDriver, volume_group_name: o.volumeGroupName }),
  }),
  validate: (o) =>
    collect(
      numberIn("procUnitsFactor", o.procUnitsFactor, 0.05, 1),
      oneOf("diskDriver", o.diskDriver, ["localdisk", "ssp"]),
      (o.diskDriver ?? "localdisk") === "localdisk"
        ? present("volumeGroupName", o.volumeGroupName, "the localdisk driver needs the VIOS volume group")
        : undefined
    ),
});
