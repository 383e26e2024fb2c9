// The support table `polyvisor matrix` prints: one row per feature, one column per driver.

import { FeatureSupport } from "./capability-types";
import { capabilities, capabilitySource } from "./capabilities";
import { DriverId } from "./driver";
import { featureTitles } from "./private/matrix";
import { driversIn } from "./registry";
import { Release } from "./release";

export interface SupportRow {
  readonly feature: string;
  readonly title: string;
  /** driver id -> support; `unknown` when the driver's data has no value for the feature. */
  readonly support: Readonly<Record<string, FeatureSupport>>;
}

export interface SupportTable {
  readonly release: Release;
  readonly drivers: readonly DriverId[];
  readonly rows: readonly SupportRow[];
  /** driver id -> where its column comes from (matrix ref or driver module). */
  readonly sources: Readonly<Record<string, string>>;
}

/**
 * Rows for the drivers (default: every driver that exists in the release), for all features any of
 * them has data on, or only `features` (ids like `operation.live-migrate`, in that order).
 * Throws DriverNotInRelease for a requested driver absent from the release.
 */
export function supportTable(driverIds: readonly DriverId[] | undefined, release: Release, features?: readonly string[]): SupportTable {
  const drivers = driverIds ?? driversIn(release).map((d) => d.id);
  const tables = Object.fromEntries(drivers.map((d) => [d, capabilities(d, release)]));
  const featureIds = features ?? [...new Set(drivers.flatMap((d) => Object.keys(tables[d])))];
  const titles = featureTitles();
  return {
    release,
    drivers,
    rows: featureIds.map((feature) => ({
      feature,
      title: titles[feature] ?? feature,
      support: Object.fromEntries(drivers.map((d) => [d, tables[d][feature] ?? "unknown"])),
    })),
    sources: Object.fromEntries(drivers.map((d) => [d, capabilitySource(d, release).note])),
  };
}

const SYMBOL: Record<FeatureSupport, string> = { complete: "yes", partial: "partial", missing: "-", unknown: "?" };

/** Plain-text rendering of a support table (fixed-width columns). */
export function formatSupportTable(table: SupportTable): string {
  const head = ["feature", ...table.drivers];
  const body = table.rows.map((r) => [r.feature, ...table.drivers.map((d) => SYMBOL[r.support[d]])]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const sources = table.drivers.map((d) => `  ${d}: ${table.sources[d]}`);
  return [`OpenStack ${table.release}`, line(head), ...body.map(line), "", "sources:", ...sources].join("\n") + "\n";
}
