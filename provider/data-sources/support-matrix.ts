// Data source polyvisor_support_matrix: per-driver feature support for one OpenStack release, from
// the driver layer's capability tables (nova's support matrix, or a driver's own data), so a
// configuration can read what a hypervisor can do.
import { dataSources } from "../schema";
import { Diagnostic, DiagnosticsError, error } from "../lifecycle/diagnostics";
import { isUnknown, ObjectValue, Value } from "../values";
import { DataSourceHandler } from "../resources/handler";
import { driverLayer } from "./private/support-source";

/** Key of one cell in the `support` map. */
export const supportKey = (driver: string, feature: string) => `${driver}/${feature}`;

const strings = (v: Value): string[] | null => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null);

async function check(config: ObjectValue): Promise<Diagnostic[]> {
  const release = config.release;
  if (typeof release !== "string") return [];
  const drivers = await driverLayer();
  if (!drivers.isRelease(release)) {
    return [error("polyvisor_support_matrix: unknown OpenStack release", `Got ${JSON.stringify(release)}. Allowed: ${drivers.RELEASES.join(", ")}.`, ["release"])];
  }
  const present = drivers.driversIn(release).map((d) => d.id as string);
  const out: Diagnostic[] = [];
  const requested = Array.isArray(config.drivers) ? config.drivers : [];
  requested.forEach((id, i) => {
    if (typeof id !== "string" || present.includes(id)) return;
    const why = drivers.isDriverId(id) ? `driver ${id} does not exist in OpenStack ${release}` : "unknown hypervisor driver";
    out.push(error(`polyvisor_support_matrix: ${why}`, `Got ${JSON.stringify(id)}. Allowed in ${release}: ${present.join(", ")}.`, ["drivers", i]));
  });
  const features = Array.isArray(config.features) ? config.features : [];
  if (out.length === 0 && features.length > 0) {
    const driverIds = (strings(config.drivers) ?? present) as Parameters<typeof drivers.supportTable>[0];
    const known = new Set(drivers.supportTable(driverIds, release).rows.map((r) => r.feature));
    features.forEach((f, i) => {
      if (typeof f === "string" && !known.has(f)) {
        out.push(error("polyvisor_support_matrix: unknown feature", `Got ${JSON.stringify(f)}. Allowed: ${[...known].join(", ")}.`, ["features", i]));
      }
    });
  }
  return out;
}

export const supportMatrix: DataSourceHandler = {
  typeName: "polyvisor_support_matrix",
  definition: dataSources.polyvisor_support_matrix,
  validate: async (config) => (isUnknown(config.release) ? [] : check(config)),
  async read(config) {
    const problems = await check(config);
    if (problems.length > 0) throw new DiagnosticsError(problems);
    const drivers = await driverLayer();
    const release = config.release as Parameters<typeof drivers.supportTable>[1];
    const driverIds = (strings(config.drivers) ?? undefined) as Parameters<typeof drivers.supportTable>[0];
    const table = drivers.supportTable(driverIds, release, strings(config.features) ?? undefined);
    const support: ObjectValue = {};
    for (const row of table.rows) {
      for (const driver of table.drivers) support[supportKey(driver, row.feature)] = row.support[driver];
    }
    return { ...config, id: `${release}:${table.drivers.join(",")}`, support };
  },
};
