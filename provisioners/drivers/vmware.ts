// VMware vCenter: `compute_driver = vmwareapi.VMwareVCDriver`, section [vmware]. One nova-compute
// on a proxy host speaks for one vCenter cluster (the cluster is nova's "hypervisor"). Tenant
// overlays and security groups need VMware NSX as Neutron's backend.

import { defined } from "../config/ini-model";
import { secretRef } from "../config/secrets";
import { defineDriver } from "./private/define-driver";
import { collect, intIn, numberIn, present, when } from "./private/option-checks";

export interface VmwareOptions {
  /** `host_ip`: vCenter address. */
  readonly hostIp: string;
  /** `host_port` (default 443). */
  readonly hostPort?: number;
  readonly hostUsername: string;
  /** NAME of the secret holding `host_password`. */
  readonly hostPasswordSecret: string;
  /** `cluster_name`: the vCenter cluster this nova-compute manages. */
  readonly clusterName: string;
  /** `datastore_regex`: which datastores instances may use. */
  readonly datastoreRegex?: string;
  /** `ca_file`: CA bundle for vCenter's certificate. */
  readonly caFile?: string;
  /** `insecure`: skip certificate checks (ignored by nova when caFile is set). */
  readonly insecure?: boolean;
  readonly apiRetryCount?: number;
  readonly taskPollInterval?: number;
  readonly useLinkedClone?: boolean;
  /** `integration_bridge` (NSX-MH). */
  readonly integrationBridge?: string;
  /** `pbm_enabled` and `pbm_default_policy`: storage policy based placement. */
  readonly pbmEnabled?: boolean;
  readonly pbmDefaultPolicy?: string;
}

function regexProblem(pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  try {
    new RegExp(pattern);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export const vmware = defineDriver<VmwareOptions>({
  id: "vmware",
  title: "VMware vCenter",
  matrixId: "vmware",
  hypervisorType: "vmware",
  imageHypervisorType: "vmware",
  requiredImageProperties: [],
  vmModes: ["hvm"],
  architectures: ["x86_64", "i686"],
  deployment: "proxy",
  computeHostOs: "linux",
  availability: [{ from: "liberty", tree: "in-tree", computeDriver: "vmwareapi.VMwareVCDriver", source: "nova support matrix driver_timeline" }],
  diskFormats: ["vmdk", "iso"],
  containerFormats: ["bare", "ova"],
  networking: {
    types: ["flat", "vlan", "vxlan", "gre", "geneve"],
    typesNeedingNsx: ["vxlan", "gre", "geneve"],
    securityGroups: "needs-nsx",
    note: "flat and VLAN networks map to distributed port groups; overlays and security groups are NSX features",
  },
  volumes: { protocols: ["vmdk"], note: "Cinder's VMDK driver on the same vCenter" },
  meteringInspector: "vsphere",
  services: ["nova-compute"],
  ownedSections: ["vmware"],
  basePackages: () => [
    { name: "nova-compute", via: "apt", note: "on the proxy host, not on ESXi" },
    { name: "python3-oslo.vmware", via: "apt" },
  ],
  sections: (o, _release, computeDriver) => ({
    DEFAULT: { compute_driver: computeDriver },
    vmware: defined({
      host_ip: o.hostIp,
      host_port: o.hostPort,
      host_username: o.hostUsername,
      host_password: secretRef(o.hostPasswordSecret, "vmware.hostPasswordSecret"),
      cluster_name: o.clusterName,
      datastore_regex: o.datastoreRegex,
      ca_file: o.caFile,
      insecure: o.insecure,
      api_retry_count: o.apiRetryCount,
      task_poll_interval: o.taskPollInterval,
      use_linked_clone: o.useLinkedClone,
      integration_bridge: o.integrationBridge,
      pbm_enabled: o.pbmEnabled,
      pbm_default_policy: o.pbmDefaultPolicy,
    }),
  }),
  validate: (o) => {
    const bad = regexProblem(o.datastoreRegex);
    return collect(
      present("hostIp", o.hostIp, "nova-compute must reach vCenter"),
      present("hostUsername", o.hostUsername, "vCenter logins need a user"),
      present("hostPasswordSecret", o.hostPasswordSecret, "vCenter logins need a password"),
      present("clusterName", o.clusterName, "one nova-compute manages one vCenter cluster"),
      intIn("hostPort", o.hostPort, 1, 65535),
      intIn("apiRetryCount", o.apiRetryCount, 0, 1000),
      numberIn("taskPollInterval", o.taskPollInterval, 0, 3600),
      when(bad !== undefined, {
        option: "datastoreRegex",
        value: o.datastoreRegex,
        message: `datastoreRegex is not a valid regular expression: ${bad}`,
      }),
      when(o.insecure === true && o.caFile !== undefined, {
        option: "insecure",
        value: true,
        message: "insecure is ignored by nova when caFile is set",
        fix: "remove insecure (caFile verifies vCenter) or remove caFile",
      }),
      when(o.pbmDefaultPolicy !== undefined && o.pbmEnabled !== true, {
        option: "pbmDefaultPolicy",
        value: o.pbmDefaultPolicy,
        message: "pbmDefaultPolicy has no effect unless pbmEnabled is true",
        fix: "set pbmEnabled: true",
      })
    );
  },
});
