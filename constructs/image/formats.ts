// Closed vocabularies for images, as enum-like constants over the driver layer's own types (the
// lists of what each driver accepts stay in provisioners/drivers).
import type {
  ContainerFormat as DriverContainerFormat,
  DiskFormat as DriverDiskFormat,
} from "../../provisioners/drivers/driver";

export type DiskFormat = DriverDiskFormat;
export const DiskFormat = {
  RAW: "raw",
  QCOW2: "qcow2",
  VHD: "vhd",
  VHDX: "vhdx",
  VMDK: "vmdk",
  VDI: "vdi",
  ISO: "iso",
  AKI: "aki",
  ARI: "ari",
  AMI: "ami",
  PLOOP: "ploop",
} as const satisfies Record<string, DriverDiskFormat>;

export type ContainerFormat = DriverContainerFormat;
export const ContainerFormat = {
  BARE: "bare",
  OVF: "ovf",
  OVA: "ova",
  AKI: "aki",
  ARI: "ari",
  AMI: "ami",
  DOCKER: "docker",
} as const satisfies Record<string, DriverContainerFormat>;

/** nova VMMode (`vm_mode` image property). */
export type VmMode = "hvm" | "xen" | "uml" | "exe";
export const VmMode = { HVM: "hvm", XEN: "xen", UML: "uml", EXE: "exe" } as const satisfies Record<string, VmMode>;

export type ImageVisibility = "public" | "private" | "shared" | "community";
