// Cinder volume backends: a closed set of kinds, each created by its own factory. Options are the
// config layer's own backend types (provisioners/config/cinder.ts renders them); the backend's
// name comes from the VolumeBackend construct that holds it.
import type {
  CinderBackend as CinderBackendConfig,
  LvmBackend,
  NfsBackend,
  RbdBackend,
  SmbBackend,
  VmdkBackend,
} from "../../provisioners/config/cinder";
import type { VolumeProtocol } from "../../provisioners/drivers/driver";

export type CinderBackendKind = CinderBackendConfig["kind"];

type OptionsOf<T> = Omit<T, "kind" | "name" | "volumeBackendName">;
export type LvmBackendOptions = Partial<OptionsOf<LvmBackend>>;
export type RbdBackendOptions = Omit<OptionsOf<RbdBackend>, "user"> & { readonly user?: string };
export type NfsBackendOptions = OptionsOf<NfsBackend>;
export type VmdkBackendOptions = OptionsOf<VmdkBackend>;
export type SmbBackendOptions = OptionsOf<SmbBackend>;

/** How compute nodes attach volumes of each backend kind (os-brick connector family). */
const PROTOCOL: { readonly [K in CinderBackendKind]: VolumeProtocol } = {
  lvm: "iscsi",
  rbd: "rbd",
  nfs: "nfs",
  vmdk: "vmdk",
  smb: "smb",
};

/** Secrets of systems outside the cloud, per kind (the operator supplies them). */
const EXTERNAL_SECRETS: { readonly [K in CinderBackendKind]: (c: Extract<CinderBackendConfig, { kind: K }>) => readonly string[] } = {
  lvm: () => [],
  rbd: () => [],
  nfs: () => [],
  vmdk: (c) => [c.passwordSecret],
  smb: () => [],
};

export class CinderBackend {
  /** LVM volumes exported over iSCSI (default volume group cinder-volumes). */
  static lvm(options: LvmBackendOptions = {}): CinderBackend {
    return new CinderBackend((name) => ({ kind: "lvm", name, ...options, volumeGroup: options.volumeGroup ?? "cinder-volumes" }));
  }
  /** Ceph RBD (default client user cinder). */
  static rbd(options: RbdBackendOptions): CinderBackend {
    return new CinderBackend((name) => ({ kind: "rbd", name, ...options, user: options.user ?? "cinder" }));
  }
  static nfs(options: NfsBackendOptions): CinderBackend {
    return new CinderBackend((name) => ({ kind: "nfs", name, ...options }));
  }
  /** VMware VMDK volumes on a vCenter's datastores. */
  static vmdk(options: VmdkBackendOptions): CinderBackend {
    return new CinderBackend((name) => ({ kind: "vmdk", name, ...options }));
  }
  /** SMB shares (Hyper-V's native volume protocol). */
  static smb(options: SmbBackendOptions): CinderBackend {
    return new CinderBackend((name) => ({ kind: "smb", name, ...options }));
  }

  private constructor(private readonly build: (name: string) => CinderBackendConfig) {}

  get kind(): CinderBackendKind {
    return this.build("x").kind;
  }

  /** The protocol compute nodes need to attach this backend's volumes. */
  get protocol(): VolumeProtocol {
    return PROTOCOL[this.kind];
  }

  /** The config layer's backend, under the given volume_backend_name. */
  config(name: string): CinderBackendConfig {
    return this.build(name);
  }

  get externalSecrets(): readonly string[] {
    const c = this.build("x");
    return (EXTERNAL_SECRETS[c.kind] as (x: CinderBackendConfig) => readonly string[])(c);
  }
}
