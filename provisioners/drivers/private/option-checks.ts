// Small pure checks the drivers' `validate` functions are built from. Each returns a problem or
// undefined, so a driver's validate is a list of checks, not an if-chain.

import { OptionProblem } from "../driver";
import { Release, compareReleases } from "../release";

export type Check = OptionProblem | undefined;

export function collect(...checks: readonly Check[]): OptionProblem[] {
  return checks.filter((c): c is OptionProblem => c !== undefined);
}

export function oneOf<T>(option: string, value: T | undefined, allowed: readonly T[]): Check {
  if (value === undefined || allowed.includes(value)) return undefined;
  return { option, value, message: `${option} is not one of the values nova accepts`, allowed: allowed.join(", ") };
}

export function intIn(option: string, value: number | undefined, min: number, max: number): Check {
  if (value === undefined || (Number.isInteger(value) && value >= min && value <= max)) return undefined;
  return { option, value, message: `${option} must be an integer from ${min} to ${max}`, allowed: `${min}..${max}` };
}

export function numberIn(option: string, value: number | undefined, min: number, max: number): Check {
  if (value === undefined || (Number.isFinite(value) && value >= min && value <= max)) return undefined;
  return { option, value, message: `${option} must be a number from ${min} to ${max}`, allowed: `${min}..${max}` };
}

export function present(option: string, value: unknown, why: string): Check {
  if (value !== undefined && value !== "") return undefined;
  return { option, value, message: `${option} is required: ${why}`, fix: `set ${option}` };
}

export function matches(option: string, value: string | undefined, re: RegExp, allowed: string): Check {
  if (value === undefined || re.test(value)) return undefined;
  return { option, value, message: `${option} is not well formed`, allowed };
}

export function url(option: string, value: string | undefined, schemes: readonly string[]): Check {
  if (value === undefined) return undefined;
  try {
    const u = new URL(value);
    if (schemes.includes(u.protocol.replace(/:$/, ""))) return undefined;
  } catch {
    /* reported below */
  }
  return { option, value, message: `${option} must be a URL`, allowed: schemes.map((s) => `${s}://...`).join(", ") };
}

export function notBefore(option: string, value: unknown, release: Release | undefined, since: Release): Check {
  if (value === undefined || release === undefined || compareReleases(release, since) >= 0) return undefined;
  return {
    option,
    value,
    message: `${option} needs OpenStack ${since} or later (target is ${release})`,
    fix: `remove ${option} or target ${since} or later`,
  };
}

export function when(condition: boolean, problem: OptionProblem): Check {
  return condition ? problem : undefined;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
