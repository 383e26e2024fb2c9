// Capabilities of a driver in a release: feature id -> complete/partial/missing/unknown.
//
// Rule (documented in README of this folder too):
// 1. A driver with a row in nova's support matrix takes the values of a FULL matrix from
//    data/nova-support-matrix.json, never retyped. Full matrices exist for liberty, mitaka, ussuri,
//    zed, 2023.1 and master (taken as 2026.1), plus the last matrix of each removed driver
//    (libvirt Xen: victoria, PowerVM: yoga, XenServer: ussuri, Hyper-V: 2023.1).
// 2. For a release in between, the newest full matrix at or before the release that has a row for
//    the driver is used; when there is none (z/VM and KVM aarch64 in Rocky, PowerVM in Pike or out of
//    tree before it), the oldest later one.
// 3. A driver the matrix never had (Docker, fake, UML) carries explicit data in its own module,
//    with its source; those tables take precedence over the matrix for the releases they cover.
// 4. Whether a driver exists at all in the release comes from the driver's availability spans;
//    asking for a driver outside them throws DriverNotInRelease.
// 5. Some values follow from config: emulated TPM needs `swtpmEnabled` on libvirt.

import { PolyvisorError } from "../errors";
import { CapabilitySource, CapabilityTable, FeatureSupport } from "./capability-types";
import { DriverDefinition, DriverId } from "./driver";
import { LibvirtOptions } from "./libvirt-options";
import { driverNotInRelease } from "./private/errors";
import { snapshotFor } from "./private/matrix";
import { getDriver } from "./registry";
import { Release, inSpan } from "./release";

export interface CapabilityResult {
  readonly support: CapabilityTable;
  readonly source: CapabilitySource;
}

function resolve(driver: DriverDefinition<unknown>, release: Release): CapabilityResult {
  if (!driver.existsIn(release)) throw driverNotInRelease(driver.id, release, driver.availability);
  const explicit = driver.explicitCapabilities?.find((e) => inSpan(release, e.span));
  if (explicit) {
    return { support: explicit.support, source: { kind: "driver", ref: `provisioners/drivers/${driver.id}.ts`, exact: true, note: explicit.source } };
  }
  const snap = driver.matrixId ? snapshotFor(driver.matrixId, release) : undefined;
  if (!snap) {
    throw new PolyvisorError("NoCapabilityData", `no capability data for ${driver.id} in ${release}`, {
      where: `provisioners/drivers/${driver.id}.ts`,
      fix: "add explicitCapabilities to the driver module",
    });
  }
  const exact = snap.release === release;
  return {
    support: snap.support,
    source: {
      kind: "matrix",
      ref: snap.ref,
      exact,
      note: exact ? `nova support matrix at ${snap.ref}` : `nova support matrix at ${snap.ref} (nearest full matrix with a ${driver.matrixId} row)`,
    },
  };
}

/** Config-derived adjustments (libvirt options only today). */
function adjust(driverId: DriverId, support: CapabilityTable, options: unknown): CapabilityTable {
  if (!driverId.startsWith("libvirt-") || options === undefined) return support;
  const o = options as LibvirtOptions;
  if (support["operation.boot-emulated-tpm"] && o.swtpmEnabled !== true) {
    return { ...support, "operation.boot-emulated-tpm": "missing" };
  }
  return support;
}

/**
 * Feature id -> support for a driver in a release. `options` (the driver's typed options) lets
 * config-derived capabilities be computed. Throws DriverNotInRelease / UnknownDriver.
 */
export function capabilities(driverId: DriverId, release: Release, options?: unknown): CapabilityTable {
  return adjust(driverId, resolve(getDriver(driverId), release).support, options);
}

/** Where the capability data for a driver and release comes from. */
export function capabilitySource(driverId: DriverId, release: Release): CapabilitySource {
  return resolve(getDriver(driverId), release).source;
}

/** One feature's support; a feature absent from the data is `unknown`. */
export function supportOf(driverId: DriverId, release: Release, featureId: string, options?: unknown): FeatureSupport {
  return capabilities(driverId, release, options)[featureId] ?? "unknown";
}
