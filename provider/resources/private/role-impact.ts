// What an update of a role will do to its host beyond the attribute diffs terraform prints: which
// services restart (and because of which files), which start, which packages get installed. Worked
// out from the refreshed prior state and the plan alone (no SSH at plan time), and shown as a plan
// warning so a reviewer sees restarts before approving.
import { isUnknown, ObjectValue, Value, valuesEqual } from "../../values";
import { isUnitFile, isUnitFileOf } from "./role-apply";

const list = (v: Value): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const files = (v: Value): ObjectValue[] => (Array.isArray(v) ? (v as ObjectValue[]) : []);

/** Does this file feed (restart) this service? `restarts` when given; a unit file only its own service; else every service. */
export function feeds(file: ObjectValue, service: string): boolean {
  const path = file.path as string;
  if (Array.isArray(file.restarts)) return list(file.restarts).includes(service);
  return isUnitFile(path) ? isUnitFileOf(path, service) : true;
}

/** One line per effect on the host; empty when the update changes nothing there (or is not known yet). */
export function roleImpact(prior: ObjectValue, planned: ObjectValue): string[] {
  if (!Array.isArray(planned.files) || isUnknown(planned.services) || isUnknown(planned.packages)) return [];
  const before = new Map(files(prior.files).map((f) => [f.path as string, f]));
  const changed = files(planned.files).filter((f) => {
    const old = before.get(f.path as string);
    return !old || !valuesEqual(old.content, f.content);
  });
  const secretsChanged = !valuesEqual(prior.secrets ?? null, planned.secrets ?? null);
  const refills = secretsChanged ? files(planned.files).filter((f) => typeof f.content === "string" && f.content.includes("${secret:")) : [];
  const touched = [...new Set([...changed, ...refills])];
  const priorServices = list(prior.services);
  const out: string[] = [];
  const installs = list(planned.packages).filter((p) => !list(prior.packages).includes(p));
  if (installs.length > 0) out.push(`install ${installs.join(", ")}`);
  for (const service of list(planned.services)) {
    if (!priorServices.includes(service)) {
      out.push(`start ${service}`);
      continue;
    }
    const because = touched.filter((f) => feeds(f, service)).map((f) => f.path as string);
    if (because.length > 0) out.push(`restart ${service} (changed: ${because.join(", ")})`);
  }
  for (const service of priorServices.filter((s) => !list(planned.services).includes(s))) out.push(`stop ${service}`);
  const gone = [...before.keys()].filter((p) => !files(planned.files).some((f) => f.path === p));
  if (gone.length > 0) out.push(`remove ${gone.join(", ")}`);
  return out;
}
