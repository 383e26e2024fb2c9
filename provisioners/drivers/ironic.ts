// Ironic (bare metal): `compute_driver = ironic.IronicDriver`. One nova-compute (on a controller or
// proxy host) maps many Ironic nodes to nova; section [ironic] holds the credentials nova uses to
// talk to Ironic's API (keystoneauth options from Newton on, admin_* options before).

import { IniModel, defined } from "../config/ini-model";
import { secretRef } from "../config/secrets";
import { defineDriver } from "./private/define-driver";
import { collect, intIn, notBefore, present, url } from "./private/option-checks";
import { Release, compareReleases } from "./release";

export interface IronicOptions {
  /** Keystone v3 URL nova authenticates to Ironic with. */
  readonly authUrl: string;
  readonly username: string;
  /** NAME of the secret holding the service user's password. */
  readonly passwordSecret: string;
  readonly projectName: string;
  readonly userDomainName?: string;
  readonly projectDomainName?: string;
  readonly regionName?: string;
  /** Ironic API endpoint when not taken from the catalog (`endpoint_override`; `api_endpoint` before Newton). */
  readonly endpointOverride?: string;
  /** The Ironic conductor group this nova-compute serves (Stein and later; `partition_key` before 2024.1). */
  readonly conductorGroup?: string;
  readonly apiMaxRetries?: number;
  readonly apiRetryInterval?: number;
}

function ironicSection(o: IronicOptions, release: Release): IniModel[string] {
  const password = secretRef(o.passwordSecret, "ironic.passwordSecret");
  if (compareReleases(release, "newton") < 0) {
    return defined({
      admin_url: o.authUrl.replace(/\/v3\/?$/, "/v2.0"),
      admin_username: o.username,
      admin_password: password,
      admin_tenant_name: o.projectName,
      api_endpoint: o.endpointOverride,
      api_max_retries: o.apiMaxRetries,
      api_retry_interval: o.apiRetryInterval,
    });
  }
  return defined({
    auth_type: "password",
    auth_url: o.authUrl,
    username: o.username,
    password,
    project_name: o.projectName,
    user_domain_name: o.userDomainName ?? "Default",
    project_domain_name: o.projectDomainName ?? "Default",
    region_name: o.regionName,
    endpoint_override: o.endpointOverride,
    // nova names the conductor group option partition_key up to 2023.2 (Zed's nova 26 verified);
    // master calls it conductor_group.
    [compareReleases(release, "2024.1") >= 0 ? "conductor_group" : "partition_key"]: o.conductorGroup,
    api_max_retries: o.apiMaxRetries,
    api_retry_interval: o.apiRetryInterval,
  });
}

export const ironic = defineDriver<IronicOptions>({
  id: "ironic",
  title: "Ironic (bare metal)",
  matrixId: "ironic",
  hypervisorType: "ironic",
  imageHypervisorType: "baremetal",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["x86_64", "aarch64", "ppc64le"],
  deployment: "proxy",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: "ironic.IronicDriver", source: "nova support matrix driver_timeline" }],
  diskFormats: ["raw", "qcow2"],
  containerFormats: ["bare", "aki", "ari"],
  networking: {
    types: ["flat", "vlan"],
    typesNeedingNsx: [],
    securityGroups: "none",
    note: "flat provisioning networks, VLAN with Neutron's multi-tenant bare-metal switch drivers",
  },
  volumes: { protocols: [], note: "nova's support matrix marks attach-volume missing for Ironic" },
  meteringInspector: null,
  meteringNote: "bare metal has no hypervisor to inspect: hardware metrics come from Ironic's IPMI sensor data",
  services: ["nova-compute"],
  ownedSections: ["ironic"],
  basePackages: () => [
    { name: "nova-compute-ironic", via: "apt" },
    { name: "python3-ironicclient", via: "apt" },
  ],
  sections: (o, release, computeDriver) => ({
    // Ironic's install guide: bare-metal nodes are whole machines, so nova reserves no host memory.
    DEFAULT: { compute_driver: computeDriver, reserved_host_memory_mb: 0 },
    ironic: ironicSection(o, release),
  }),
  validate: (o, release) =>
    collect(
      present("authUrl", o.authUrl, "nova must authenticate to Ironic's API"),
      url("authUrl", o.authUrl, ["http", "https"]),
      present("username", o.username, "nova's service user for Ironic"),
      present("passwordSecret", o.passwordSecret, "nova's service user needs a password"),
      present("projectName", o.projectName, "the service project"),
      url("endpointOverride", o.endpointOverride, ["http", "https"]),
      notBefore("conductorGroup", o.conductorGroup, release, "stein"),
      intIn("apiMaxRetries", o.apiMaxRetries, 0, 10000),
      intIn("apiRetryInterval", o.apiRetryInterval, 0, 3600)
    ),
});
