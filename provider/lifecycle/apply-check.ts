// Terraform refuses an apply result that contradicts the plan ("Provider produced inconsistent
// result"). The provider checks it first, so a handler bug is reported with the attribute and
// what was planned, in polyvisor's words, and never leaves an unknown behind.
import { CtyType } from "../schema";
import { DynamicTyped, formatPath, isObject, isUnknown, PathStep, Value, valuesEqual } from "../values";

export interface PlanViolation {
  readonly path: PathStep[];
  readonly problem: string;
}

export function checkApplyKeptPlan(planned: Value, applied: Value, type: CtyType, path: PathStep[] = []): PlanViolation[] {
  if (isUnknown(planned)) {
    return containsUnknown(applied) ? [{ path, problem: "apply left an unknown value" }] : [];
  }
  if (planned === null || typeof planned !== "object" || planned instanceof DynamicTyped) {
    return valuesEqual(planned, applied, type) ? [] : [{ path, problem: "apply returned a value different from the plan" }];
  }
  if (Array.isArray(type) && type[0] === "set") {
    // Set elements have no stable position; compare wholly known sets only.
    return containsUnknown(planned) || valuesEqual(planned, applied, type) ? [] : [{ path, problem: "apply returned a different set" }];
  }
  if (Array.isArray(planned)) {
    if (!Array.isArray(applied) || applied.length !== planned.length) return [{ path, problem: "apply changed the number of elements" }];
    const element = (type as [string, CtyType])[1];
    return planned.flatMap((p, i) => checkApplyKeptPlan(p, applied[i], element, [...path, i]));
  }
  if (!isObject(applied)) return [{ path, problem: "apply returned no object where one was planned" }];
  const [kind, inner] = type as [string, CtyType | Record<string, CtyType>];
  return Object.entries(planned).flatMap(([k, p]) => {
    const t = kind === "object" ? (inner as Record<string, CtyType>)[k] : (inner as CtyType);
    return checkApplyKeptPlan(p, applied[k] ?? null, t, [...path, kind === "object" ? k : { key: k }]);
  });
}

function containsUnknown(v: Value): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v instanceof DynamicTyped) return containsUnknown(v.value);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

export const describeViolation = (v: PlanViolation) => `${formatPath(v.path) || "(resource)"}: ${v.problem}`;
