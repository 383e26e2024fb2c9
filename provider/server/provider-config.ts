// Checks of the provider block (terraform already checked types and required attributes).
import { Diagnostic, error } from "../lifecycle/diagnostics";
import { ObjectValue } from "../values";

const POSITIVE_NUMBERS: ReadonlyArray<readonly [string, string]> = [
  ["parallelism", "hosts worked on at once, e.g. 8"],
  ["ssh_connect_timeout_seconds", "seconds, e.g. 15"],
];

export function validateProviderConfig(config: ObjectValue): Diagnostic[] {
  return POSITIVE_NUMBERS.flatMap(([name, hint]) => {
    const v = config[name];
    return typeof v === "number" && !(v > 0)
      ? [error(`provider "polyvisor": ${name} must be a positive number`, `Got ${v}. Allowed: a number above 0 (${hint}).`, [name])]
      : [];
  });
}
