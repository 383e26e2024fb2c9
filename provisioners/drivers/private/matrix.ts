// Typed access to nova's support matrix data (data/nova-support-matrix.json), copied unchanged from
// the reference. Nothing here retypes a support value: everything is read from the file.

import matrixFile from "../data/nova-support-matrix.json";
import { CapabilityTable, FeatureSupport } from "../capability-types";
import { RELEASES, Release, compareReleases, isRelease } from "../release";

interface MatrixFeature {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly support: Readonly<Record<string, FeatureSupport | null>>;
}
interface MatrixRelease {
  readonly release_name: string;
  readonly drivers: readonly { readonly id: string; readonly title: string }[];
  readonly features: readonly MatrixFeature[];
}
interface MatrixFile {
  readonly releases: Readonly<Record<string, MatrixRelease>>;
  readonly driver_timeline: Readonly<Record<string, { readonly drivers: readonly string[] }>>;
  readonly latest_known_per_driver: Readonly<
    Record<string, { readonly title: string; readonly from_release: string; readonly support: Readonly<Record<string, FeatureSupport>> }>
  >;
}

const data = matrixFile as unknown as MatrixFile;

/**
 * A nova git ref of the matrix to the polyvisor release it describes: `zed-eom` -> zed,
 * `unmaintained/2023.1` -> 2023.1, `stable/2025.2` -> 2025.2. `master` is taken as 2026.1 (it is
 * the tree after 33.0.0; its only matrix difference from stable/2026.1 is Ironic's VNC console).
 * Refs older than polyvisor's first release (kilo) map to undefined.
 */
export function refToRelease(ref: string): Release | undefined {
  if (ref === "master") return "2026.1";
  const name = ref.replace(/^(unmaintained|stable)\//, "").replace(/-(eol|eom)$/, "");
  return isRelease(name) ? name : undefined;
}

/** A full matrix (every feature) for one matrix driver id at one release. */
export interface MatrixSnapshot {
  readonly ref: string;
  readonly release: Release;
  readonly support: CapabilityTable;
  readonly titles: Readonly<Record<string, string>>;
}

function releaseSnapshots(matrixId: string): MatrixSnapshot[] {
  const out: MatrixSnapshot[] = [];
  for (const [ref, rel] of Object.entries(data.releases)) {
    const release = refToRelease(ref);
    if (!release || !rel.drivers.some((d) => d.id === matrixId)) continue;
    const support: Record<string, FeatureSupport> = {};
    const titles: Record<string, string> = {};
    for (const f of rel.features) {
      const v = f.support[matrixId];
      titles[f.id] = f.title;
      if (v) support[f.id] = v;
    }
    out.push({ ref, release, support, titles });
  }
  const latest = data.latest_known_per_driver[matrixId];
  const latestRelease = latest ? refToRelease(latest.from_release) : undefined;
  if (latest && latestRelease && !out.some((s) => s.release === latestRelease)) {
    out.push({ ref: latest.from_release, release: latestRelease, support: latest.support, titles: featureTitles() });
  }
  return out.sort((a, b) => compareReleases(a.release, b.release));
}

const snapshotCache = new Map<string, MatrixSnapshot[]>();

/** Every full matrix that has a row for the driver, oldest first. */
export function snapshotsFor(matrixId: string): readonly MatrixSnapshot[] {
  let s = snapshotCache.get(matrixId);
  if (!s) {
    s = releaseSnapshots(matrixId);
    snapshotCache.set(matrixId, s);
  }
  return s;
}

/**
 * The rule for releases without a full matrix: use the newest full matrix at or before the
 * release that has a row for the driver; when there is none (the driver's row appears only in a
 * later full matrix, e.g. z/VM in Rocky -> Ussuri's), use the oldest later one.
 */
export function snapshotFor(matrixId: string, release: Release): MatrixSnapshot | undefined {
  const all = snapshotsFor(matrixId);
  const earlier = all.filter((s) => compareReleases(s.release, release) <= 0);
  return earlier.length > 0 ? earlier[earlier.length - 1] : all[0];
}

let titlesCache: Record<string, string> | undefined;
/** Feature id -> title, newest title winning (for printing). */
export function featureTitles(): Readonly<Record<string, string>> {
  if (!titlesCache) {
    titlesCache = {};
    const refs = Object.keys(data.releases).sort((a, b) => compareReleases(refToRelease(a) ?? RELEASES[0], refToRelease(b) ?? RELEASES[0]));
    for (const ref of refs) for (const f of data.releases[ref].features) titlesCache[f.id] = f.title;
  }
  return titlesCache;
}

/**
 * In-tree matrix drivers of a release, from the matrix's driver timeline. Releases without a
 * timeline entry (2023.2, 2024.2) take the nearest earlier entry.
 */
export function timelineDrivers(release: Release): readonly string[] {
  let best: { release: Release; drivers: readonly string[] } | undefined;
  for (const [ref, entry] of Object.entries(data.driver_timeline)) {
    const r = refToRelease(ref);
    if (!r || ref === "master" || compareReleases(r, release) > 0) continue;
    if (!best || compareReleases(r, best.release) > 0) best = { release: r, drivers: entry.drivers };
  }
  return best?.drivers ?? [];
}

/** The matrix refs (git refs of nova) that carry a full matrix, for documentation and tests. */
export function fullMatrixRefs(): readonly string[] {
  return Object.keys(data.releases);
}
