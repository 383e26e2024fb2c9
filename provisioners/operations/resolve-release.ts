// Which OpenStack release a cloud runs, for the capability gate: given explicitly, from the stack
// outputs, or read from the compute API's maximum microversion where that names one release.

import { assertRelease, type Release } from "../drivers";
import { PolyvisorError } from "../errors";
import type { OpenStackCloud } from "../openstack";

/**
 * The highest compute microversion of each release (nova's REST API version history). Releases that
 * added none share their predecessor's maximum and cannot be told apart this way.
 */
export const MAX_COMPUTE_MICROVERSION: readonly { readonly max: string; readonly releases: readonly Release[] }[] = [
  { max: "2.12", releases: ["liberty"] },
  { max: "2.25", releases: ["mitaka"] },
  { max: "2.38", releases: ["newton"] },
  { max: "2.42", releases: ["ocata"] },
  { max: "2.53", releases: ["pike"] },
  { max: "2.60", releases: ["queens"] },
  { max: "2.65", releases: ["rocky"] },
  { max: "2.72", releases: ["stein"] },
  { max: "2.79", releases: ["train"] },
  { max: "2.87", releases: ["ussuri", "victoria"] },
  { max: "2.88", releases: ["wallaby"] },
  { max: "2.90", releases: ["xena", "yoga"] },
  { max: "2.93", releases: ["zed"] },
  { max: "2.95", releases: ["2023.1", "2023.2"] },
];

export function releaseFromMicroversion(max: string): readonly Release[] {
  return MAX_COMPUTE_MICROVERSION.find((row) => row.max === max)?.releases ?? [];
}

export async function resolveRelease(cloud: OpenStackCloud, given?: string, fromOutputs?: string): Promise<Release> {
  if (given) return assertRelease(given, "--release");
  if (fromOutputs) return assertRelease(fromOutputs, "stack outputs `release`");
  const max = await cloud.compute.maxMicroversion();
  const candidates = releaseFromMicroversion(max);
  if (candidates.length === 1) return candidates[0];
  throw new PolyvisorError("ReleaseUnknown", "cannot tell the cloud's OpenStack release from its compute API", {
    where: "compute API maximum microversion",
    value: max,
    allowed: candidates.length > 0 ? candidates.join(" or ") : "a release polyvisor knows",
    fix: "pass --release (or set POLYVISOR_RELEASE, or deploy with polyvisor so the stack outputs carry it)",
  });
}
