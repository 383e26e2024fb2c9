// Glance image stores: a closed set, each with its own factory. Options are the config layer's own
// store types (provisioners/config/glance.ts renders them); names default to the kind.
import type { FileStore, GlanceStore as GlanceStoreConfig, RbdStore, SwiftStore, VsphereStore } from "../../provisioners/config/glance";

export type GlanceStoreKind = GlanceStoreConfig["kind"];

type OptionsOf<T> = Omit<T, "kind" | "name"> & { readonly name?: string };
export type FileStoreOptions = Partial<OptionsOf<FileStore>>;
export type RbdStoreOptions = Omit<OptionsOf<RbdStore>, "user"> & { readonly user?: string };
/** Swift credentials default to the cloud's Keystone and glance's own service user. */
export type SwiftStoreOptions = Partial<OptionsOf<SwiftStore>>;
export type VsphereStoreOptions = OptionsOf<VsphereStore>;

/** What a store needs from its cloud to become config. */
export interface GlanceStoreContext {
  readonly identityUrl: string;
}

export class GlanceStore {
  /** Images on the controller's disk (default /var/lib/glance/images/). */
  static file(options: FileStoreOptions = {}): GlanceStore {
    return new GlanceStore("file", [], () => ({ kind: "file", ...options, name: options.name ?? "file", directory: options.directory ?? "/var/lib/glance/images/" }));
  }
  /** Ceph RBD (default client user glance). */
  static rbd(options: RbdStoreOptions): GlanceStore {
    return new GlanceStore("rbd", [], () => ({ kind: "rbd", ...options, name: options.name ?? "rbd", user: options.user ?? "glance" }));
  }
  static swift(options: SwiftStoreOptions = {}): GlanceStore {
    return new GlanceStore("swift", [], (ctx) => ({
      kind: "swift",
      ...options,
      name: options.name ?? "swift",
      authAddress: options.authAddress ?? ctx.identityUrl,
      user: options.user ?? "service:glance",
      keySecret: options.keySecret ?? "glance_service_password",
    }));
  }
  /** vSphere datastores; the vCenter password is the operator's (a sensitive variable). */
  static vsphere(options: VsphereStoreOptions): GlanceStore {
    return new GlanceStore("vsphere", [options.passwordSecret], () => ({ kind: "vsphere", ...options, name: options.name ?? "vsphere" }));
  }

  private constructor(
    readonly kind: GlanceStoreKind,
    /** Secrets of systems outside the cloud (the operator supplies them). */
    readonly externalSecrets: readonly string[],
    private readonly build: (ctx: GlanceStoreContext) => GlanceStoreConfig,
  ) {}

  config(ctx: GlanceStoreContext): GlanceStoreConfig {
    return this.build(ctx);
  }
}
