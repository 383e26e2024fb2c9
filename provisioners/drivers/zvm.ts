// IBM z/VM: nova-compute on a Linux proxy talks to the z/VM Cloud Connector, which manages guests
// of one z/VM system. In nova's tree from Rocky (`zvm.ZVMDriver`, section [zvm]); before Rocky the
// out-of-tree nova-zvm-virt-driver (`nova.virt.zvm.ZVMDriver`) drove z/VM through xCAT with
// `zvm_*` options in [DEFAULT]. Images must carry `os_distro` (spawn fails without it).

import { IniModel, defined } from "../config/ini-model";
import { secretRef } from "../config/secrets";
import { defineDriver } from "./private/define-driver";
import { collect, intIn, present, url, when } from "./private/option-checks";
import { Release, compareReleases } from "./release";

export interface ZvmOptions {
  /** `[zvm] cloud_connector_url` (Rocky and later), e.g. https://zvm.example.org:8080/. */
  readonly cloudConnectorUrl?: string;
  readonly caFile?: string;
  readonly imageTmpPath?: string;
  readonly reachableTimeout?: number;
  /** Before Rocky (nova-zvm-virt-driver): xCAT management node, user, password secret and z/VM host. */
  readonly xcatServer?: string;
  readonly xcatUsername?: string;
  readonly xcatPasswordSecret?: string;
  readonly zvmHost?: string;
  readonly diskPool?: string;
}

const inTree = (release: Release | undefined): boolean => release === undefined || compareReleases(release, "rocky") >= 0;

function sections(o: ZvmOptions, release: Release, computeDriver: string): IniModel {
  if (inTree(release)) {
    return {
      DEFAULT: { compute_driver: computeDriver },
      zvm: defined({
        cloud_connector_url: o.cloudConnectorUrl,
        ca_file: o.caFile,
        image_tmp_path: o.imageTmpPath,
        reachable_timeout: o.reachableTimeout,
      }),
    };
  }
  return {
    DEFAULT: defined({
      compute_driver: computeDriver,
      zvm_xcat_server: o.xcatServer,
      zvm_xcat_username: o.xcatUsername,
      zvm_xcat_password: o.xcatPasswordSecret ? secretRef(o.xcatPasswordSecret, "zvm.xcatPasswordSecret") : undefined,
      zvm_host: o.zvmHost,
      zvm_diskpool: o.diskPool,
    }),
  };
}

export const zvm = defineDriver<ZvmOptions>({
  id: "zvm",
  title: "z/VM",
  matrixId: "zvm",
  hypervisorType: "zvm",
  imageHypervisorType: "zvm",
  requiredImageProperties: ["os_distro"],
  vmModes: ["hvm"],
  architectures: ["s390x"],
  deployment: "proxy",
  computeHostOs: "linux",
  availability: [
    {
      from: "liberty",
      to: "queens",
      tree: "out-of-tree",
      computeDriver: "nova.virt.zvm.ZVMDriver",
      source: "nova-zvm-virt-driver (out of tree before nova commit e5acf4f961 added z/VM in Rocky)",
      outOfTree: {
        project: "nova-zvm-virt-driver",
        source: "openstack/nova-zvm-virt-driver, branch of the target release",
        install: [
          { name: "nova-zvm-virt-driver", via: "git", note: "installed with pip into nova's Python environment" },
          { name: "xCAT management node", via: "vendor", note: "runs on z/VM; the driver talks to it over REST" },
        ],
      },
    },
    { from: "rocky", tree: "in-tree", computeDriver: "zvm.ZVMDriver", source: "nova support matrix driver_timeline (zvm row from rocky-eol)" },
  ],
  diskFormats: ["raw"],
  containerFormats: ["bare"],
  networking: {
    types: ["flat", "vlan"],
    typesNeedingNsx: [],
    securityGroups: "none",
    note: "z/VM virtual switches carry flat and VLAN networks only",
  },
  volumes: { protocols: [], note: "nova's support matrix marks attach-volume missing for z/VM" },
  meteringInspector: null,
  meteringNote: "Ceilometer has no z/VM inspector",
  services: ["nova-compute"],
  ownedSections: ["zvm"],
  basePackages: (release) => [
    { name: "nova-compute", via: "apt", note: "on the Linux proxy host" },
    ...(inTree(release)
      ? [
          { name: "python3-zvmcloudconnector", via: "apt" as const, note: "client library of the z/VM Cloud Connector" },
          { name: "z/VM Cloud Connector", via: "vendor" as const, note: "runs on z/VM; disk pools (ECKD/FBA) are set in its zvmsdk.conf" },
        ]
      : []),
  ],
  sections,
  validate: (o, release) =>
    inTree(release)
      ? collect(
          present("cloudConnectorUrl", o.cloudConnectorUrl, "nova-compute talks to z/VM through the Cloud Connector"),
          url("cloudConnectorUrl", o.cloudConnectorUrl, ["http", "https"]),
          intIn("reachableTimeout", o.reachableTimeout, 0, 86400),
          when(o.xcatServer !== undefined, {
            option: "xcatServer",
            value: o.xcatServer,
            message: "xCAT options belong to the pre-Rocky out-of-tree driver",
            fix: "use cloudConnectorUrl",
          })
        )
      : collect(
          present("xcatServer", o.xcatServer, "before Rocky the z/VM driver talks to xCAT"),
          present("xcatUsername", o.xcatUsername, "xCAT login"),
          present("xcatPasswordSecret", o.xcatPasswordSecret, "xCAT login"),
          present("zvmHost", o.zvmHost, "the z/VM system this proxy manages")
        ),
});
