// XenServer / XCP-ng through XenAPI: `compute_driver = xenapi.XenAPIDriver`, section [xenserver].
// nova-compute runs in a paravirtualized domU on each XenServer host and talks to its dom0 over
// XenAPI. Removed from nova in Victoria (commit adb28f503c): Ussuri is the last release.

import { defined } from "../config/ini-model";
import { secretRef } from "../config/secrets";
import { defineDriver } from "./private/define-driver";
import { collect, oneOf, present, url } from "./private/option-checks";
import { compareReleases } from "./release";

export interface XenServerOptions {
  /** `connection_url`: the XenAPI URL of this host's dom0 (https://dom0-address). */
  readonly connectionUrl: string;
  /** `connection_username` (nova's default: root). */
  readonly connectionUsername?: string;
  /** NAME of the secret holding `connection_password` (rendered as a placeholder). */
  readonly connectionPasswordSecret: string;
  /** `ovs_integration_bridge`: the OVS integration bridge in dom0 (e.g. br-int). */
  readonly ovsIntegrationBridge?: string;
  /** `image_handler` (Pike and later): direct_vhd needs a file-based SR (EXT/NFS). */
  readonly imageHandler?: "direct_vhd" | "vdi_local_dev" | "vdi_remote_stream";
  /** `sr_matching_filter` (nova default: default-sr:true). */
  readonly srMatchingFilter?: string;
  /** `independent_compute`: nova-compute not tied to one host's dom0 (no local SR access). */
  readonly independentCompute?: boolean;
  /** `cache_images`: all, some or none. */
  readonly cacheImages?: "all" | "some" | "none";
}

export const xenserver = defineDriver<XenServerOptions>({
  id: "xenserver",
  title: "XenServer (XenAPI)",
  matrixId: "xenserver",
  hypervisorType: "xen",
  imageHypervisorType: "xen",
  requiredImageProperties: [],
  vmModes: ["xen", "hvm"],
  architectures: ["x86_64", "i686"],
  deployment: "in-guest",
  computeHostOs: "linux",
  availability: [
    {
      from: "liberty",
      to: "ussuri",
      tree: "in-tree",
      computeDriver: "xenapi.XenAPIDriver",
      source: "nova support matrix driver_timeline; driver removed by nova commit adb28f503c (Victoria)",
    },
  ],
  diskFormats: ["raw", "vhd", "vdi", "aki", "ari", "ami"],
  containerFormats: ["bare", "ovf", "aki", "ari", "ami"],
  networking: {
    types: ["local", "flat", "vlan", "vxlan", "gre"],
    typesNeedingNsx: [],
    securityGroups: "native",
    note: "Neutron OVS agent drives the OVS bridges of dom0",
  },
  volumes: { protocols: ["iscsi"] },
  meteringInspector: "xenapi",
  services: ["nova-compute"],
  ownedSections: ["xenserver"],
  basePackages: (release) => [
    { name: "nova-compute", via: "apt", note: "installed in the domU that runs nova-compute" },
    ...(compareReleases(release, "ocata") >= 0
      ? [{ name: "os-xenapi", via: "pip" as const, note: "XenAPI bindings and dom0 plugins (Ocata and later)" }]
      : []),
    { name: "XenServer dom0 plugins", via: "vendor", note: "nova's dom0 plugins copied to /etc/xapi.d/plugins on each XenServer host" },
  ],
  sections: (o, _release, computeDriver) => ({
    DEFAULT: { compute_driver: computeDriver },
    xenserver: defined({
      connection_url: o.connectionUrl,
      connection_username: o.connectionUsername,
      connection_password: secretRef(o.connectionPasswordSecret, "xenserver.connectionPasswordSecret"),
      ovs_integration_bridge: o.ovsIntegrationBridge,
      image_handler: o.imageHandler,
      sr_matching_filter: o.srMatchingFilter,
      independent_compute: o.independentCompute,
      cache_images: o.cacheImages,
    }),
  }),
  validate: (o) =>
    collect(
      present("connectionUrl", o.connectionUrl, "nova-compute must reach the host's XenAPI"),
      url("connectionUrl", o.connectionUrl, ["http", "https", "unix"]),
      present("connectionPasswordSecret", o.connectionPasswordSecret, "XenAPI logins need a password"),
      oneOf("imageHandler", o.imageHandler, ["direct_vhd", "vdi_local_dev", "vdi_remote_stream"]),
      oneOf("cacheImages", o.cacheImages, ["all", "some", "none"])
    ),
});
