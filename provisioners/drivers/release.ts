// OpenStack releases polyvisor knows, oldest first. The order is the only thing that matters to
// the driver layer: a driver exists over a span of releases and capabilities are looked up by
// release, so everything compares through `compareReleases`.

import { PolyvisorError } from "../errors";

export const RELEASES = [
  "liberty",
  "mitaka",
  "newton",
  "ocata",
  "pike",
  "queens",
  "rocky",
  "stein",
  "train",
  "ussuri",
  "victoria",
  "wallaby",
  "xena",
  "yoga",
  "zed",
  "2023.1",
  "2023.2",
  "2024.1",
  "2024.2",
  "2025.1",
  "2025.2",
  "2026.1",
] as const;

export type Release = (typeof RELEASES)[number];

/** The release Debian 12 ships (nova 26): the one the end-to-end tests deploy for real. */
export const DEBIAN_12_RELEASE: Release = "zed";

const ORDER: ReadonlyMap<string, number> = new Map(RELEASES.map((r, i) => [r, i]));

export function isRelease(x: unknown): x is Release {
  return typeof x === "string" && ORDER.has(x);
}

/** Negative when a is older than b, 0 when equal, positive when a is newer. */
export function compareReleases(a: Release, b: Release): number {
  return releaseIndex(a) - releaseIndex(b);
}

export function releaseIndex(r: Release): number {
  const i = ORDER.get(r);
  if (i === undefined) {
    throw new PolyvisorError("UnknownRelease", "unknown OpenStack release", {
      value: r,
      allowed: RELEASES.join(", "),
      fix: "use one of the release names above (lower case, or YYYY.N for 2023 and later)",
    });
  }
  return i;
}

/** Throws `UnknownRelease` with the allowed values unless `x` is a known release. */
export function assertRelease(x: unknown, where?: string): Release {
  if (isRelease(x)) return x;
  throw new PolyvisorError("UnknownRelease", "unknown OpenStack release", {
    where,
    value: x,
    allowed: RELEASES.join(", "),
    fix: "use one of the release names above (lower case, or YYYY.N for 2023 and later)",
  });
}

/** An inclusive span of releases; `to` undefined means "still current". */
export interface ReleaseSpan {
  readonly from: Release;
  readonly to?: Release;
}

export function inSpan(r: Release, span: ReleaseSpan): boolean {
  return compareReleases(r, span.from) >= 0 && (span.to === undefined || compareReleases(r, span.to) <= 0);
}

export function describeSpan(span: ReleaseSpan): string {
  return span.to === undefined ? `${span.from} and later` : span.from === span.to ? span.from : `${span.from}..${span.to}`;
}

export function releasesIn(span: ReleaseSpan): Release[] {
  return RELEASES.filter((r) => inSpan(r, span));
}
