// glance-api.conf with its image stores (file, Ceph RBD, Swift, vSphere datastores). From Train on
// stores are rendered as named backends (`[DEFAULT] enabled_backends`, one section per store);
// before Train as the single [glance_store] section with `stores` and `default_store`.

import { PolyvisorError } from "../errors";
import { ContainerFormat, DiskFormat } from "../drivers/driver";
import { compareReleases } from "../drivers/release";
import { IniModel, IniSection, defined, withoutEmptySections } from "./ini-model";
import { authtokenSection, databaseUrl, loggingDefaults } from "./private/common";
import { secretRef } from "./secrets";
import { CommonServiceOptions, DatabaseOptions, KeystoneOptions, ServiceUser } from "./service-inputs";

interface StoreBase {
  /** Backend name (section name with multiple stores). */
  readonly name: string;
}
export interface FileStore extends StoreBase {
  readonly kind: "file";
  readonly directory: string;
}
export interface RbdStore extends StoreBase {
  readonly kind: "rbd";
  readonly pool: string;
  readonly user: string;
  readonly cephConf?: string;
  readonly chunkSizeMb?: number;
}
export interface SwiftStore extends StoreBase {
  readonly kind: "swift";
  /** Keystone URL the store authenticates with. */
  readonly authAddress: string;
  /** Swift user as project:user. */
  readonly user: string;
  readonly keySecret: string;
  readonly container?: string;
  readonly createContainerOnPut?: boolean;
}
export interface VsphereStore extends StoreBase {
  readonly kind: "vsphere";
  readonly serverHost: string;
  readonly username: string;
  readonly passwordSecret: string;
  /** Datastores as datacenter_path:datastore_name[:weight]. */
  readonly datastores: readonly string[];
  readonly imageDirectory?: string;
  readonly caFile?: string;
  readonly insecure?: boolean;
}
export type GlanceStore = FileStore | RbdStore | SwiftStore | VsphereStore;

export interface GlanceApiConfInput extends CommonServiceOptions {
  readonly database: DatabaseOptions;
  readonly keystone: KeystoneOptions;
  readonly glanceUser: ServiceUser;
  readonly stores: readonly GlanceStore[];
  /** Name of the default store (default: the first). */
  readonly defaultStore?: string;
  readonly bindHost?: string;
  readonly bindPort?: number;
  /** Formats Glance accepts; Docker images need container format `docker`. */
  readonly diskFormats?: readonly DiskFormat[];
  readonly containerFormats?: readonly ContainerFormat[];
  /** Multi-store staging and tasks directories (Train and later). */
  readonly stagingDirectory?: string;
  readonly tasksDirectory?: string;
}

const STORE_TYPE: Record<GlanceStore["kind"], string> = { file: "file", rbd: "rbd", swift: "swift", vsphere: "vmware" };
export const GLANCE_SWIFT_CONF = "/etc/glance/glance-swift.conf";
/** Stores Glance reserves for itself in multi-store mode (image import staging and tasks). */
export const GLANCE_RESERVED_STORES = ["os_glance_staging_store", "os_glance_tasks_store"] as const;

type StoreOptions = { readonly [K in GlanceStore["kind"]]: (s: Extract<GlanceStore, { kind: K }>) => IniSection };

const STORE_OPTIONS: StoreOptions = {
  file: (s) => ({ filesystem_store_datadir: s.directory }),
  rbd: (s) =>
    defined({
      rbd_store_pool: s.pool,
      rbd_store_user: s.user,
      rbd_store_ceph_conf: s.cephConf ?? "/etc/ceph/ceph.conf",
      rbd_store_chunk_size: s.chunkSizeMb,
    }),
  swift: (s) =>
    defined({
      default_swift_reference: s.name,
      swift_store_config_file: GLANCE_SWIFT_CONF,
      swift_store_container: s.container,
      swift_store_create_container_on_put: s.createContainerOnPut,
    }),
  vsphere: (s) =>
    defined({
      vmware_server_host: s.serverHost,
      vmware_server_username: s.username,
      vmware_server_password: secretRef(s.passwordSecret, `glance store ${s.name} passwordSecret`),
      vmware_datastores: [...s.datastores],
      vmware_store_image_dir: s.imageDirectory,
      vmware_ca_file: s.caFile,
      vmware_insecure: s.insecure,
    }),
};

function checkStores(input: GlanceApiConfInput): GlanceStore {
  if (input.stores.length === 0)
    throw new PolyvisorError("NoGlanceStore", "glance-api.conf needs at least one store", { where: "glance stores", fix: "add a store" });
  const names = new Set<string>();
  for (const s of input.stores) {
    if ((GLANCE_RESERVED_STORES as readonly string[]).includes(s.name) || s.name === "DEFAULT" || s.name === "glance_store") {
      throw new PolyvisorError("ReservedStoreName", `store name ${s.name} is reserved by Glance`, {
        where: `glance stores.${s.name}`,
        value: s.name,
        fix: "choose another store name",
      });
    }
    if (names.has(s.name)) {
      throw new PolyvisorError("DuplicateStoreName", `two Glance stores are named ${s.name}`, {
        where: `glance stores.${s.name}`,
        value: s.name,
        fix: "name each store distinctly",
      });
    }
    names.add(s.name);
  }
  const def = input.stores.find((s) => s.name === (input.defaultStore ?? input.stores[0].name));
  if (!def) {
    throw new PolyvisorError("UnknownDefaultStore", `default store ${input.defaultStore} is not one of the stores`, {
      where: "glance defaultStore",
      value: input.defaultStore,
      allowed: [...names].join(", "),
    });
  }
  const legacyKinds = input.stores.map((s) => s.kind);
  if (compareReleases(input.release, "train") < 0 && new Set(legacyKinds).size !== legacyKinds.length) {
    throw new PolyvisorError(
      "MultipleStoresOfOneKind",
      `before Train Glance has one store per kind; ${input.release} cannot have two ${legacyKinds.find(
        (k, i) => legacyKinds.indexOf(k) !== i
      )} stores`,
      {
        where: "glance stores",
        fix: "keep one store per kind, or target Train or later",
      }
    );
  }
  return def;
}

function storeSections(input: GlanceApiConfInput, def: GlanceStore): IniModel {
  const opts = (s: GlanceStore) => (STORE_OPTIONS[s.kind] as (x: GlanceStore) => IniSection)(s);
  if (compareReleases(input.release, "train") < 0) {
    return {
      glance_store: Object.assign(
        { stores: [...new Set(input.stores.map((s) => STORE_TYPE[s.kind]))], default_store: STORE_TYPE[def.kind] },
        ...input.stores.map(opts)
      ),
    };
  }
  return {
    DEFAULT: { enabled_backends: input.stores.map((s) => `${s.name}:${STORE_TYPE[s.kind]}`) },
    glance_store: { default_backend: def.name },
    [GLANCE_RESERVED_STORES[0]]: { filesystem_store_datadir: input.stagingDirectory ?? "/var/lib/glance/staging" },
    [GLANCE_RESERVED_STORES[1]]: { filesystem_store_datadir: input.tasksDirectory ?? "/var/lib/glance/tasks_work_dir" },
    ...Object.fromEntries(input.stores.map((s) => [s.name, opts(s)])),
  };
}

export function glanceApiConf(input: GlanceApiConfInput): IniModel {
  const def = checkStores(input);
  const stores = storeSections(input, def);
  return withoutEmptySections({
    ...stores,
    DEFAULT: defined({ ...loggingDefaults(input), bind_host: input.bindHost, bind_port: input.bindPort, ...(stores.DEFAULT ?? {}) }),
    database: { connection: databaseUrl(input.database) },
    keystone_authtoken: authtokenSection(input.glanceUser, input.keystone, "glanceUser"),
    paste_deploy: { flavor: "keystone" },
    image_format: defined({
      disk_formats: input.diskFormats ? [...input.diskFormats] : undefined,
      container_formats: input.containerFormats ? [...input.containerFormats] : undefined,
    }),
  });
}

/** glance-swift.conf: the Swift credentials each Swift store references by name. */
export function glanceSwiftConf(stores: readonly GlanceStore[]): IniModel {
  return Object.fromEntries(
    stores
      .filter((s): s is SwiftStore => s.kind === "swift")
      .map((s) => [
        s.name,
        { auth_address: s.authAddress, user: s.user, key: secretRef(s.keySecret, `glance store ${s.name} keySecret`), auth_version: "3" },
      ])
  );
}
