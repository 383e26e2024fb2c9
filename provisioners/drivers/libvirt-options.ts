// Typed options of every libvirt-based driver (KVM, QEMU, LXC, Xen, UML, Virtuozzo). The virt type
// itself is not an option: it is fixed by the driver the operator chose.

export type LibvirtCpuMode = "host-model" | "host-passthrough" | "custom" | "none";
export type LibvirtImagesType = "default" | "raw" | "flat" | "qcow2" | "lvm" | "rbd" | "ploop";
export type LiveMigrationScheme = "tcp" | "ssh" | "tls";

export interface LibvirtOptions {
  /** `[libvirt] cpu_mode`. */
  readonly cpuMode?: LibvirtCpuMode;
  /** `[libvirt] cpu_models` (before Train: `cpu_model`, first entry only). Needs cpuMode custom. */
  readonly cpuModels?: readonly string[];
  /** `[libvirt] images_type`: where ephemeral disks live. */
  readonly imagesType?: LibvirtImagesType;
  /** `[libvirt] images_volume_group`: required with imagesType lvm. */
  readonly imagesVolumeGroup?: string;
  /** `[libvirt] images_rbd_pool` (default rbd) with imagesType rbd. */
  readonly imagesRbdPool?: string;
  /** `[libvirt] images_rbd_ceph_conf`. */
  readonly imagesRbdCephConf?: string;
  /** `[libvirt] rbd_user` for Ceph volumes and images. */
  readonly rbdUser?: string;
  /** `[libvirt] rbd_secret_uuid`: the libvirt secret holding the Ceph key (a UUID, not the key). */
  readonly rbdSecretUuid?: string;
  /** `[DEFAULT] force_raw_images`. */
  readonly forceRawImages?: boolean;
  /** `[libvirt] live_migration_scheme` (before Ocata rendered into `live_migration_uri`). */
  readonly liveMigrationScheme?: LiveMigrationScheme;
  /** `[libvirt] live_migration_inbound_addr`: this host's address on the migration network. */
  readonly liveMigrationInboundAddr?: string;
  readonly liveMigrationPermitAutoConverge?: boolean;
  readonly liveMigrationPermitPostCopy?: boolean;
  /** `[libvirt] connection_uri`; empty means libvirt's default for the virt type. */
  readonly connectionUri?: string;
  /** `[libvirt] hw_machine_type`, e.g. ["x86_64=q35"]. */
  readonly hwMachineType?: readonly string[];
  /** `[libvirt] swtpm_enabled` (Wallaby and later): emulated TPM for guests. */
  readonly swtpmEnabled?: boolean;
  /** `[libvirt] wait_soft_reboot_seconds`. */
  readonly waitSoftRebootSeconds?: number;
}
