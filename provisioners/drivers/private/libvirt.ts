// What every libvirt-based driver shares: nova's LibvirtDriver with a fixed virt_type, the
// [libvirt] section, the libvirt daemons. Each libvirt-*.ts module states its own facts and calls
// `libvirtDriver` with them.

import { IniModel, defined } from "../../config/ini-model";
import { DiskFormat, DriverDefinition, OptionProblem, PackageRef } from "../driver";
import { LibvirtOptions } from "../libvirt-options";
import { Release, compareReleases } from "../release";
import { defineDriver, DriverSpec } from "./define-driver";
import { UUID, collect, intIn, matches, notBefore, oneOf, present, when } from "./option-checks";

export const LIBVIRT_COMPUTE_DRIVER = "libvirt.LibvirtDriver";

export type LibvirtVirtType = "kvm" | "qemu" | "lxc" | "xen" | "uml" | "parallels";

export interface LibvirtFacts
  extends Omit<DriverSpec<LibvirtOptions>, "sections" | "basePackages" | "services" | "ownedSections" | "validate" | "acceptedDiskFormats"> {
  readonly virtType: LibvirtVirtType;
  /** Packages besides nova-compute and the libvirt daemon. */
  readonly hypervisorPackages: readonly PackageRef[];
  /** Debian's nova-compute flavour package for this virt type, when there is one. */
  readonly novaComputePackage?: string;
  /** Fixed [DEFAULT]/[libvirt] keys this virt type always needs (Virtuozzo's documented settings). */
  readonly fixedDefault?: Readonly<Record<string, string | number | boolean>>;
  readonly fixedLibvirt?: Readonly<Record<string, string | number | boolean>>;
  /** Whether nova can live-migrate this virt type (LXC and UML have no migration URI). */
  readonly liveMigration: boolean;
}

const CPU_MODES = ["host-model", "host-passthrough", "custom", "none"] as const;
const IMAGES_TYPES = ["default", "raw", "flat", "qcow2", "lvm", "rbd", "ploop"] as const;
const SCHEMES = ["tcp", "ssh", "tls"] as const;

/** URI scheme libvirt uses for live migration per virt type (nova's `_live_migration_uri`). */
const MIGRATION_URI: Partial<Record<LibvirtVirtType, (scheme: string) => string>> = {
  kvm: (s) => `qemu+${s}://%s/system`,
  qemu: (s) => `qemu+${s}://%s/system`,
  xen: () => "xenmigr://%s/system",
  parallels: () => "parallels+tcp://%s/system",
};

export function libvirtDriver(facts: LibvirtFacts): DriverDefinition<LibvirtOptions> {
  const { virtType, hypervisorPackages, novaComputePackage, fixedDefault, fixedLibvirt, liveMigration, ...rest } = facts;
  return defineDriver<LibvirtOptions>({
    ...rest,
    services: ["nova-compute", "libvirtd", "virtlogd"],
    ownedSections: ["libvirt"],
    basePackages: () => [
      { name: novaComputePackage ?? "nova-compute", via: "apt" },
      { name: "libvirt-daemon-system", via: "apt" },
      ...hypervisorPackages,
    ],
    acceptedDiskFormats: (options) => libvirtDiskFormats(facts.diskFormats, options),
    sections: (options, release, computeDriver) => libvirtSections(facts, options, release, computeDriver),
    validate: (options, release) => validateLibvirt(facts, options, release),
  });
}

/**
 * Disk formats once the image backend is known. With RBD or LVM ephemeral disks only raw images
 * can be cloned/written as they are; qcow2 would be converted to raw on every host at first boot
 * (or refused, with force_raw_images false), so polyvisor accepts raw (and ISO) only there.
 */
export function libvirtDiskFormats(base: readonly DiskFormat[], options: LibvirtOptions | undefined): readonly DiskFormat[] {
  const t = options?.imagesType;
  if (t === "rbd" || (t === "lvm" && options?.forceRawImages === false)) return base.filter((f) => f === "raw" || f === "iso");
  return base;
}

function libvirtSections(facts: LibvirtFacts, o: LibvirtOptions, release: Release, computeDriver: string): IniModel {
  const beforeTrain = compareReleases(release, "train") < 0;
  const hasScheme = compareReleases(release, "ocata") >= 0;
  const migrationUri = MIGRATION_URI[facts.virtType];
  return {
    DEFAULT: { ...defined({ compute_driver: computeDriver, force_raw_images: o.forceRawImages }), ...facts.fixedDefault },
    libvirt: {
      ...defined({
        virt_type: facts.virtType,
        connection_uri: o.connectionUri,
        cpu_mode: o.cpuMode,
        cpu_models: beforeTrain ? undefined : o.cpuModels,
        cpu_model: beforeTrain ? o.cpuModels?.[0] : undefined,
        images_type: o.imagesType,
        images_volume_group: o.imagesVolumeGroup,
        images_rbd_pool: o.imagesRbdPool,
        images_rbd_ceph_conf: o.imagesRbdCephConf,
        rbd_user: o.rbdUser,
        rbd_secret_uuid: o.rbdSecretUuid,
        live_migration_scheme: hasScheme ? o.liveMigrationScheme : undefined,
        live_migration_uri: !hasScheme && o.liveMigrationScheme && migrationUri ? migrationUri(o.liveMigrationScheme) : undefined,
        live_migration_inbound_addr: o.liveMigrationInboundAddr,
        live_migration_permit_auto_converge: o.liveMigrationPermitAutoConverge,
        live_migration_permit_post_copy: o.liveMigrationPermitPostCopy,
        hw_machine_type: o.hwMachineType,
        swtpm_enabled: o.swtpmEnabled,
        wait_soft_reboot_seconds: o.waitSoftRebootSeconds,
      }),
      ...facts.fixedLibvirt,
    },
  };
}

function validateLibvirt(facts: LibvirtFacts, o: LibvirtOptions, release: Release | undefined): OptionProblem[] {
  const migrationSet = [o.liveMigrationScheme, o.liveMigrationInboundAddr, o.liveMigrationPermitAutoConverge, o.liveMigrationPermitPostCopy].some(
    (v) => v !== undefined
  );
  return collect(
    oneOf("cpuMode", o.cpuMode, CPU_MODES),
    oneOf("imagesType", o.imagesType, IMAGES_TYPES),
    oneOf("liveMigrationScheme", o.liveMigrationScheme, SCHEMES),
    when(o.cpuModels !== undefined && o.cpuModels.length > 0 && o.cpuMode !== "custom", {
      option: "cpuModels",
      value: o.cpuModels,
      message: "cpuModels only applies with cpuMode custom",
      fix: 'set cpuMode: "custom" or remove cpuModels',
    }),
    o.imagesType === "lvm" ? present("imagesVolumeGroup", o.imagesVolumeGroup, "the LVM image backend needs a volume group") : undefined,
    when(o.imagesType === "ploop" && facts.virtType !== "parallels", {
      option: "imagesType",
      value: o.imagesType,
      message: "ploop images need the Virtuozzo (parallels) virt type",
      allowed: "default, raw, flat, qcow2, lvm, rbd",
    }),
    matches("rbdSecretUuid", o.rbdSecretUuid, UUID, "a UUID naming the libvirt secret that holds the Ceph key"),
    when(o.rbdSecretUuid !== undefined && o.rbdUser === undefined, {
      option: "rbdUser",
      value: undefined,
      message: "rbdSecretUuid is set without rbdUser",
      fix: "set rbdUser to the Ceph client name (e.g. cinder)",
    }),
    when(migrationSet && !facts.liveMigration, {
      option: "liveMigration*",
      value: o.liveMigrationScheme ?? o.liveMigrationInboundAddr,
      message: `${facts.id} cannot live-migrate (nova has no migration URI for virt_type ${facts.virtType})`,
      fix: "remove the live migration options",
    }),
    ...fixedConflicts(facts, o),
    notBefore("swtpmEnabled", o.swtpmEnabled, release, "wallaby"),
    intIn("waitSoftRebootSeconds", o.waitSoftRebootSeconds, 0, 86400)
  );
}

/** Options that contradict the settings a virt type always needs (Virtuozzo's images_type, ...). */
function fixedConflicts(facts: LibvirtFacts, o: LibvirtOptions): OptionProblem[] {
  const given: Record<string, [string, unknown]> = {
    images_type: ["imagesType", o.imagesType],
    connection_uri: ["connectionUri", o.connectionUri],
    force_raw_images: ["forceRawImages", o.forceRawImages],
  };
  const fixed = { ...facts.fixedDefault, ...facts.fixedLibvirt };
  return Object.entries(given)
    .filter(([key, [, value]]) => value !== undefined && key in fixed && fixed[key] !== value)
    .map(([key, [option, value]]) => ({
      option,
      value,
      message: `${facts.id} always uses ${key} = ${String(fixed[key])}`,
      allowed: String(fixed[key]),
      fix: `remove ${option}`,
    }));
}
