// cinder.conf with one section per backend (LVM/iSCSI, Ceph RBD, NFS, VMware VMDK, SMB), each with
// its own volume_backend_name (what volume types point at), listed in enabled_backends. Backends of
// the same kind are fine; two backends with the same section or backend name are refused.

import { PolyvisorError } from "../errors";
import { Release, compareReleases } from "../drivers/release";
import { IniModel, IniSection, defined, withoutEmptySections } from "./ini-model";
import { authtokenSection, databaseUrl, lockPathSection, loggingDefaults, transportUrl } from "./private/common";
import { secretRef } from "./secrets";
import { CommonServiceOptions, DatabaseOptions, KeystoneOptions, MessagingOptions, ServiceUser } from "./service-inputs";

interface BackendBase {
  /** Section name in cinder.conf and entry in enabled_backends. */
  readonly name: string;
  /** `volume_backend_name` (default: the section name); volume types select on it. */
  readonly volumeBackendName?: string;
}
export interface LvmBackend extends BackendBase {
  readonly kind: "lvm";
  readonly volumeGroup: string;
  /** iSCSI target implementation (default lioadm). */
  readonly targetHelper?: "lioadm" | "tgtadm";
  readonly targetIpAddress?: string;
}
export interface RbdBackend extends BackendBase {
  readonly kind: "rbd";
  readonly pool: string;
  readonly user: string;
  /** libvirt secret UUID compute nodes use for this Ceph user. */
  readonly secretUuid: string;
  readonly cephConf?: string;
}
export interface NfsBackend extends BackendBase {
  readonly kind: "nfs";
  /** NFS exports, host:/path; rendered into the shares file. */
  readonly shares: readonly string[];
  readonly mountPointBase?: string;
}
export interface VmdkBackend extends BackendBase {
  readonly kind: "vmdk";
  readonly hostIp: string;
  readonly username: string;
  readonly passwordSecret: string;
  readonly clusterNames?: readonly string[];
  readonly caFile?: string;
  readonly insecure?: boolean;
}
export interface SmbBackend extends BackendBase {
  readonly kind: "smb";
  /** SMB shares, //server/share; rendered into the shares file. */
  readonly shares: readonly string[];
  /** Disk format of volumes on the share (default vhdx). */
  readonly volumeFormat?: "vhd" | "vhdx";
}
export type CinderBackend = LvmBackend | RbdBackend | NfsBackend | VmdkBackend | SmbBackend;

export interface CinderConfInput extends CommonServiceOptions {
  readonly myIp: string;
  readonly messaging: MessagingOptions;
  readonly database: DatabaseOptions;
  readonly keystone: KeystoneOptions;
  readonly cinderUser: ServiceUser;
  readonly backends: readonly CinderBackend[];
  /** Volume type used when none is given; must exist in Cinder. */
  readonly defaultVolumeType?: string;
  readonly glanceApiServers?: readonly string[];
}

export interface RenderedExtraFile {
  readonly path: string;
  readonly content: string;
}

/** Where the shares file of an NFS (Linux cinder-volume) or SMB (Windows cinder-volume) backend lives. */
function sharesPath(b: NfsBackend | SmbBackend): string {
  return b.kind === "smb" ? `C:\\OpenStack\\etc\\cinder\\${b.name}-shares.txt` : `/etc/cinder/${b.name}-shares.conf`;
}

type SectionOf = { readonly [K in CinderBackend["kind"]]: (b: Extract<CinderBackend, { kind: K }>, release: Release) => IniSection };

const BACKEND_SECTIONS: SectionOf = {
  lvm: (b, release) =>
    compareReleases(release, "queens") >= 0
      ? defined({
          volume_driver: "cinder.volume.drivers.lvm.LVMVolumeDriver",
          volume_group: b.volumeGroup,
          target_protocol: "iscsi",
          target_helper: b.targetHelper ?? "lioadm",
          target_ip_address: b.targetIpAddress,
        })
      : defined({
          volume_driver: "cinder.volume.drivers.lvm.LVMVolumeDriver",
          volume_group: b.volumeGroup,
          iscsi_protocol: "iscsi",
          iscsi_helper: b.targetHelper ?? "lioadm",
          iscsi_ip_address: b.targetIpAddress,
        }),
  rbd: (b) =>
    defined({
      volume_driver: "cinder.volume.drivers.rbd.RBDDriver",
      rbd_pool: b.pool,
      rbd_user: b.user,
      rbd_secret_uuid: b.secretUuid,
      rbd_ceph_conf: b.cephConf ?? "/etc/ceph/ceph.conf",
    }),
  nfs: (b) =>
    defined({ volume_driver: "cinder.volume.drivers.nfs.NfsDriver", nfs_shares_config: sharesPath(b), nfs_mount_point_base: b.mountPointBase }),
  vmdk: (b) =>
    defined({
      volume_driver: "cinder.volume.drivers.vmware.vmdk.VMwareVcVmdkDriver",
      vmware_host_ip: b.hostIp,
      vmware_host_username: b.username,
      vmware_host_password: secretRef(b.passwordSecret, `cinder backend ${b.name} passwordSecret`),
      vmware_cluster_name: b.clusterNames ? [...b.clusterNames] : undefined,
      vmware_ca_file: b.caFile,
      vmware_insecure: b.insecure,
    }),
  smb: (b) =>
    defined({
      volume_driver: "cinder.volume.drivers.windows.smbfs.WindowsSmbfsDriver",
      smbfs_shares_config: sharesPath(b),
      smbfs_default_volume_format: b.volumeFormat ?? "vhdx",
    }),
};

function checkBackends(backends: readonly CinderBackend[]): void {
  if (backends.length === 0) {
    throw new PolyvisorError("NoCinderBackend", "cinder.conf needs at least one backend", { where: "cinder backends", fix: "add a backend" });
  }
  const names = new Map<string, string>();
  for (const b of backends) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(b.name) || b.name === "DEFAULT") {
      throw new PolyvisorError("InvalidBackendName", `backend name ${JSON.stringify(b.name)} cannot be a cinder.conf section`, {
        where: `cinder backends.${b.name}`,
        value: b.name,
        allowed: "letters, digits, _ and - (not DEFAULT)",
      });
    }
    for (const [label, key] of [
      ["section name", `section:${b.name}`],
      ["volume_backend_name", `vbn:${b.volumeBackendName ?? b.name}`],
    ] as const) {
      if (names.has(key)) {
        throw new PolyvisorError("DuplicateBackendName", `two Cinder backends share the ${label} ${key.split(":")[1]}`, {
          where: `cinder backends.${b.name}`,
          value: key.split(":")[1],
          fix: "give each backend a distinct name and volume_backend_name (volume types select backends by it)",
        });
      }
      names.set(key, b.name);
    }
  }
}

export function cinderConf(input: CinderConfInput): IniModel {
  checkBackends(input.backends);
  const sections: Record<string, IniSection> = {};
  for (const b of input.backends) {
    const render = BACKEND_SECTIONS[b.kind] as (x: CinderBackend, r: Release) => IniSection;
    sections[b.name] = { ...render(b, input.release), volume_backend_name: b.volumeBackendName ?? b.name };
  }
  return withoutEmptySections({
    DEFAULT: defined({
      ...loggingDefaults(input),
      transport_url: transportUrl(input.messaging),
      auth_strategy: "keystone",
      my_ip: input.myIp,
      enabled_backends: input.backends.map((b) => b.name),
      default_volume_type: input.defaultVolumeType,
      glance_api_servers: input.glanceApiServers ? [...input.glanceApiServers] : undefined,
    }),
    database: { connection: databaseUrl(input.database) },
    keystone_authtoken: authtokenSection(input.cinderUser, input.keystone, "cinderUser"),
    oslo_concurrency: lockPathSection(input, "/var/lib/cinder/tmp"),
    ...sections,
  });
}

/** Share list files the NFS and SMB backends point at (one share per line). */
export function cinderShareFiles(backends: readonly CinderBackend[]): RenderedExtraFile[] {
  return backends.flatMap((b) => (b.kind === "nfs" || b.kind === "smb" ? [{ path: sharesPath(b), content: [...b.shares].join("\n") + "\n" }] : []));
}
