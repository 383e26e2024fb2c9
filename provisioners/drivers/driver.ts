// What a hypervisor driver is, as data plus a few small pure functions. One module per driver in
// this folder fills this in; nothing here touches a host.

import { IniModel } from "../config/ini-model";
import { Release, ReleaseSpan } from "./release";
import { FeatureSupport } from "./capability-types";

export const DRIVER_IDS = [
  "libvirt-kvm-x86",
  "libvirt-kvm-ppc64",
  "libvirt-kvm-s390x",
  "libvirt-kvm-aarch64",
  "libvirt-qemu-x86",
  "libvirt-lxc",
  "libvirt-xen",
  "libvirt-uml",
  "libvirt-vz-vm",
  "libvirt-vz-ct",
  "xenserver",
  "vmware",
  "hyperv",
  "docker",
  "ironic",
  "zvm",
  "powervm",
  "fake",
] as const;

export type DriverId = (typeof DRIVER_IDS)[number];

export function isDriverId(x: unknown): x is DriverId {
  return typeof x === "string" && (DRIVER_IDS as readonly string[]).includes(x);
}

/**
 * Where nova-compute runs:
 * - on-host: on the hypervisor's own OS (libvirt, Docker, Hyper-V on Windows, fake);
 * - in-guest: in a guest of a bare-metal hypervisor (XenServer domU, PowerVM NovaLink partition);
 * - proxy: on a separate host that speaks for a whole cluster (vCenter, z/VM cloud connector, Ironic).
 */
export type Deployment = "on-host" | "in-guest" | "proxy";

/** The OS nova-compute itself runs on. */
export type ComputeHostOs = "linux" | "windows";

export type DiskFormat = "raw" | "qcow2" | "vhd" | "vhdx" | "vmdk" | "vdi" | "iso" | "aki" | "ari" | "ami" | "ploop";
export const DISK_FORMATS: readonly DiskFormat[] = ["raw", "qcow2", "vhd", "vhdx", "vmdk", "vdi", "iso", "aki", "ari", "ami", "ploop"];

export type ContainerFormat = "bare" | "ovf" | "ova" | "aki" | "ari" | "ami" | "docker";
export const CONTAINER_FORMATS: readonly ContainerFormat[] = ["bare", "ovf", "ova", "aki", "ari", "ami", "docker"];

export type NetworkType = "local" | "flat" | "vlan" | "vxlan" | "gre" | "geneve";
export const NETWORK_TYPES: readonly NetworkType[] = ["local", "flat", "vlan", "vxlan", "gre", "geneve"];

/** Cinder volume protocols a driver can attach (os-brick connector families). */
export type VolumeProtocol = "iscsi" | "rbd" | "nfs" | "fibre_channel" | "smb" | "vmdk";

export type MeteringInspector = "libvirt" | "vsphere" | "hyperv" | "xenapi";

export interface NetworkingSupport {
  /** Neutron network types instances of this driver can be plugged into. */
  readonly types: readonly NetworkType[];
  /** Of `types`, those that work only with VMware NSX as the Neutron backend. */
  readonly typesNeedingNsx: readonly NetworkType[];
  /** Neutron security groups: enforced natively, only with NSX, or not at all. */
  readonly securityGroups: "native" | "needs-nsx" | "none";
  readonly note?: string;
}

export interface VolumeSupport {
  /** Protocols the driver's volume connectors speak. Empty when volumes cannot be attached at all. */
  readonly protocols: readonly VolumeProtocol[];
  readonly note?: string;
}

/** A package or piece of code the node needs, and how it gets there. */
export interface PackageRef {
  readonly name: string;
  /** apt: Debian package; pip: Python distribution; git: source checkout; msi: Windows installer;
   *  vendor: part of the hypervisor vendor's own OS or appliance (not installable by polyvisor). */
  readonly via: "apt" | "pip" | "git" | "msi" | "vendor";
  readonly note?: string;
}

/** Code that is not part of nova itself and must be installed before the node can be configured. */
export interface OutOfTreeCode {
  /** Upstream project, e.g. nova-docker, compute-hyperv, nova-zvm-virt-driver, nova-powervm. */
  readonly project: string;
  /** Where the code comes from and which branch matches the release. */
  readonly source: string;
  readonly install: readonly PackageRef[];
  readonly note?: string;
}

/** One span of releases in which the driver can be used, in nova's tree or out of it. */
export interface Availability extends ReleaseSpan {
  readonly tree: "in-tree" | "out-of-tree";
  /** nova `[DEFAULT] compute_driver` value in this span. */
  readonly computeDriver: string;
  /** Set for out-of-tree spans: what must be installed first. */
  readonly outOfTree?: OutOfTreeCode;
  /** Where the range comes from (commit, branch list, matrix timeline). */
  readonly source: string;
}

/** Capability data for releases where nova's matrix has no row for the driver. */
export interface ExplicitCapabilities {
  readonly span: ReleaseSpan;
  readonly support: Readonly<Record<string, FeatureSupport>>;
  /** Where these values come from. */
  readonly source: string;
}

/** A problem `validate` found in typed driver options (no side effects, nothing thrown). */
export interface OptionProblem {
  /** Option name as the operator wrote it (camelCase prop). */
  readonly option: string;
  readonly value: unknown;
  readonly message: string;
  readonly allowed?: string;
  readonly fix?: string;
}

export interface DriverDefinition<O = unknown> {
  readonly id: DriverId;
  readonly title: string;
  /** Driver id in nova's support matrix, or null when nova's matrix never had a row for it. */
  readonly matrixId: string | null;
  /** nova HVType the driver reports (`hypervisor_type` image property). */
  readonly hypervisorType: string;
  /**
   * The `hypervisor_type` an image must carry for ImagePropertiesFilter to place it on this driver
   * (what the driver reports in supported_instances; Ironic reports `baremetal`, not `ironic`).
   */
  readonly imageHypervisorType: string;
  /** Image properties the driver refuses to boot without (z/VM needs `os_distro`). */
  readonly requiredImageProperties: readonly string[];
  /** nova VMMode values of the instances it runs (`vm_mode` image property). */
  readonly vmModes: readonly string[];
  /** CPU architectures it reports in supported_instances. */
  readonly architectures: readonly string[];
  readonly deployment: Deployment;
  readonly computeHostOs: ComputeHostOs;
  readonly availability: readonly Availability[];
  /** Image disk formats accepted with default options; see `acceptedDiskFormats` for option effects. */
  readonly diskFormats: readonly DiskFormat[];
  readonly containerFormats: readonly ContainerFormat[];
  readonly networking: NetworkingSupport;
  readonly volumes: VolumeSupport;
  /** Ceilometer compute agent inspector, or null with the reason in `meteringNote`. */
  readonly meteringInspector: MeteringInspector | null;
  readonly meteringNote?: string;
  /** Services the compute role runs (on the host, the guest or the proxy, per `deployment`). */
  readonly services: readonly string[];
  /** nova.conf sections this driver writes; no other driver's section ever appears on its node. */
  readonly ownedSections: readonly string[];
  /** Capability data for releases without a matrix row (out-of-tree, never in the matrix). */
  readonly explicitCapabilities?: readonly ExplicitCapabilities[];

  existsIn(release: Release): boolean;
  /** The availability span covering the release, or undefined. */
  availabilityIn(release: Release): Availability | undefined;
  /** nova `compute_driver` value; throws DriverNotInRelease when the driver does not exist then. */
  computeDriver(release: Release): string;
  /** What must be installed on the compute role's host; out-of-tree code included. */
  packages(release: Release): readonly PackageRef[];
  /** Disk formats accepted once options are taken into account (RBD image backend: raw only). */
  acceptedDiskFormats(options?: O): readonly DiskFormat[];
  /** The driver's own nova.conf contribution (including its [DEFAULT] keys), from typed options. */
  novaSections(options: O, release: Release): IniModel;
  /** Side-effect-free check of typed options. */
  validate(options: O, release?: Release): readonly OptionProblem[];
}
