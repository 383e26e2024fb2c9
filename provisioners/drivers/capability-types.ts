// Support values as nova's feature support matrix spells them.

export type FeatureSupport = "complete" | "partial" | "missing" | "unknown";
export const FEATURE_SUPPORT_VALUES: readonly FeatureSupport[] = ["complete", "partial", "missing", "unknown"];

/** feature id (e.g. `operation.live-migrate`) -> support value. */
export type CapabilityTable = Readonly<Record<string, FeatureSupport>>;

/** Where a capability table came from, so the matrix printout can say it. */
export interface CapabilitySource {
  /** `matrix` (nova's support matrix) or `driver` (explicit data in the driver's own module). */
  readonly kind: "matrix" | "driver";
  /** Matrix: the git ref of nova whose matrix was used (e.g. `zed-eom`); driver: the driver module. */
  readonly ref: string;
  /** True when the data is for exactly the requested release. */
  readonly exact: boolean;
  readonly note: string;
}
