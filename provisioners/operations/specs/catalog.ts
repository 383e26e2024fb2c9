// Every instance operation polyvisor knows, by name.

import { PolyvisorError } from "../../errors";
import type { OperationName } from "../types";
import { LIFECYCLE_OPERATIONS } from "./lifecycle";
import { MIGRATION_OPERATIONS } from "./migration";
import { POWER_OPERATIONS } from "./power";
import type { OperationSpec } from "./spec";
import { VOLUME_OPERATIONS } from "./volumes";

export const OPERATION_SPECS: readonly OperationSpec[] = [
  ...LIFECYCLE_OPERATIONS,
  ...POWER_OPERATIONS,
  ...MIGRATION_OPERATIONS,
  ...VOLUME_OPERATIONS,
];

const BY_NAME: ReadonlyMap<string, OperationSpec> = new Map(OPERATION_SPECS.map((s) => [s.name, s]));

export const OPERATION_NAMES: readonly OperationName[] = OPERATION_SPECS.map((s) => s.name);

export function operationSpec(name: string): OperationSpec {
  const spec = BY_NAME.get(name);
  if (spec) return spec;
  throw new PolyvisorError("UnknownOperation", "unknown instance operation", {
    where: "polyvisor instance",
    value: name,
    allowed: OPERATION_NAMES.join(", "),
  });
}
