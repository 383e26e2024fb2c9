// The one gate every instance operation passes first: is it possible on this driver in this
// release? Each operation maps to one feature of nova's support matrix (one table), and a
// refusal is a typed `OperationNotSupported` naming driver, operation, release and what to do
// instead (only alternatives the same driver supports are offered).

import { PolyvisorError } from "../errors";
import { FeatureSupport } from "./capability-types";
import { capabilities } from "./capabilities";
import { DriverId } from "./driver";
import { driverNotInRelease } from "./private/errors";
import { getDriver } from "./registry";
import { Release } from "./release";

export const OPERATIONS = [
  "launch",
  "reboot",
  "stop",
  "start",
  "pause",
  "unpause",
  "suspend",
  "resume",
  "snapshot",
  "rescue",
  "unrescue",
  "resize",
  "live-migrate",
  "evacuate",
  "console-log",
  "attach-volume",
  "detach-volume",
  "swap-volume",
  "set-admin-password",
  "maintenance-mode",
  "terminate",
] as const;

export type Operation = (typeof OPERATIONS)[number];

interface OperationFacts {
  /** The support matrix feature that decides the operation. */
  readonly feature: string;
  /** Why the mapping is not one-to-one, when it is not. */
  readonly note?: string;
  /** What an operator can do instead, each offered only when the driver supports it. */
  readonly alternatives: readonly { readonly operation: Operation; readonly text: string }[];
}

const POWER_NOTE = "nova's matrix has no power-off/power-on feature: power_off/power_on are mandatory driver methods, so they follow launch";

export const OPERATION_FEATURES: { readonly [op in Operation]: OperationFacts } = {
  launch: { feature: "operation.launch", alternatives: [] },
  reboot: { feature: "operation.reboot", alternatives: [{ operation: "stop", text: "stop then start the instance" }] },
  stop: { feature: "operation.launch", note: POWER_NOTE, alternatives: [{ operation: "pause", text: "pause it" }] },
  start: { feature: "operation.launch", note: POWER_NOTE, alternatives: [] },
  pause: {
    feature: "operation.pause",
    alternatives: [
      { operation: "suspend", text: "suspend it" },
      { operation: "stop", text: "stop it" },
    ],
  },
  unpause: { feature: "operation.unpause", alternatives: [{ operation: "start", text: "start it" }] },
  suspend: {
    feature: "operation.suspend",
    alternatives: [
      { operation: "pause", text: "pause it (memory stays on the host)" },
      { operation: "stop", text: "stop it" },
    ],
  },
  resume: { feature: "operation.resume", alternatives: [{ operation: "start", text: "start it" }] },
  snapshot: {
    feature: "operation.snapshot",
    alternatives: [{ operation: "attach-volume", text: "keep data on a Cinder volume and snapshot the volume" }],
  },
  rescue: { feature: "operation.rescue", alternatives: [{ operation: "terminate", text: "rebuild the instance from a fixed image" }] },
  unrescue: { feature: "operation.rescue", note: "unrescue is the second half of rescue", alternatives: [] },
  resize: {
    feature: "operation.resize",
    alternatives: [{ operation: "launch", text: "launch a new instance with the new flavor and move the workload" }],
  },
  "live-migrate": {
    feature: "operation.live-migrate",
    alternatives: [
      { operation: "resize", text: "cold-migrate (resize to the same flavor)" },
      { operation: "stop", text: "stop/start the instance around the host maintenance" },
      { operation: "launch", text: "terminate and launch it again on another host" },
    ],
  },
  evacuate: {
    feature: "operation.evacuate",
    alternatives: [{ operation: "launch", text: "launch a replacement instance on a healthy host" }],
  },
  "console-log": { feature: "console.serial.log", alternatives: [] },
  "attach-volume": {
    feature: "operation.attach-volume",
    alternatives: [{ operation: "launch", text: "use ephemeral disk of a larger flavor, or place the instance on a driver with volume support" }],
  },
  "detach-volume": { feature: "operation.detach-volume", alternatives: [] },
  "swap-volume": {
    feature: "operation.swap-volume",
    alternatives: [{ operation: "detach-volume", text: "detach the old volume and attach the new one" }],
  },
  "set-admin-password": {
    feature: "operation.set-admin-password",
    alternatives: [{ operation: "launch", text: "inject credentials at launch through cloud-init/config drive" }],
  },
  "maintenance-mode": {
    feature: "operation.maintenance-mode",
    alternatives: [{ operation: "live-migrate", text: "disable the compute service and live-migrate its instances away" }],
  },
  terminate: { feature: "operation.terminate", alternatives: [] },
};

export function isOperation(x: unknown): x is Operation {
  return typeof x === "string" && (OPERATIONS as readonly string[]).includes(x);
}

export interface OperationCheck {
  readonly driver: DriverId;
  readonly operation: Operation;
  readonly release: Release;
  readonly feature: string;
  /** complete or partial, or unknown (nova's matrix does not know: allowed, callers should warn). */
  readonly support: FeatureSupport;
}

/**
 * Refuses, before any call, an operation the driver cannot do in the release:
 * `DriverNotInRelease` when the driver does not exist then, `OperationNotSupported` when the
 * matrix (or the driver's own data) says `missing`, or has no value at all (closed by default).
 * Returns the support value otherwise (partial/unknown deserve a warning).
 */
export function assertOperationSupported(driverId: DriverId, operation: Operation, release: Release, options?: unknown): OperationCheck {
  if (!isOperation(operation)) {
    throw new PolyvisorError("UnknownOperation", "unknown instance operation", { value: operation, allowed: OPERATIONS.join(", ") });
  }
  const driver = getDriver(driverId);
  if (!driver.existsIn(release)) throw driverNotInRelease(driverId, release, driver.availability, `${driverId} ${operation}`);
  const table = capabilities(driverId, release, options);
  const facts = OPERATION_FEATURES[operation];
  const support = table[facts.feature];
  if (support === undefined || support === "missing") {
    const instead = facts.alternatives.filter((a) => {
      const s = table[OPERATION_FEATURES[a.operation].feature];
      return s === "complete" || s === "partial";
    });
    const why = support === "missing" ? `nova's support matrix marks ${facts.feature} missing` : `no support data for ${facts.feature}`;
    throw new PolyvisorError("OperationNotSupported", `${driverId} cannot ${operation} in OpenStack ${release}: ${why}`, {
      where: `${driverId} ${operation}`,
      value: { driver: driverId, operation, release },
      allowed: supportedOperations(driverId, release, options).join(", "),
      fix:
        instead.length > 0
          ? `instead: ${instead.map((a) => a.text).join("; or ")}`
          : `no equivalent operation exists on ${driverId}: move the instance to a hypervisor that supports ${operation}`,
    });
  }
  return { driver: driverId, operation, release, feature: facts.feature, support };
}

/** Operations the driver can do in the release (complete, partial or unknown). */
export function supportedOperations(driverId: DriverId, release: Release, options?: unknown): Operation[] {
  const table = capabilities(driverId, release, options);
  return OPERATIONS.filter((op) => {
    const s = table[OPERATION_FEATURES[op].feature];
    return s !== undefined && s !== "missing";
  });
}
