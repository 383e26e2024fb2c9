// The typed refusals of the driver layer, built in one place so every message reads the same.

import { PolyvisorError } from "../../errors";
import { Availability } from "../driver";
import { Release, describeSpan } from "../release";

export function driverNotInRelease(driverId: string, release: Release, availability: readonly Availability[], where?: string): PolyvisorError {
  const spans = availability.map((a) => `${describeSpan(a)} (${a.tree}${a.outOfTree ? `: ${a.outOfTree.project}` : ""})`).join("; ");
  return new PolyvisorError("DriverNotInRelease", `hypervisor driver ${driverId} does not exist in OpenStack ${release}`, {
    where: where ?? `driver ${driverId}`,
    value: release,
    allowed: spans || "no release",
    fix: `target a release in which ${driverId} exists, or move these hosts to a driver available in ${release}`,
  });
}
