// The shell run on a host to inspect, push and restore managed files. Content always travels on
// stdin; the command line holds only paths, owners, modes and checksums.

import { quote } from "../../ssh/shell";

/** Suffix of the copy of the previous version kept for rollback. */
export const PREVIOUS_SUFFIX = ".polyvisor-prev";

/** Prints `path<TAB>sha256<TAB>owner<TAB>group<TAB>mode` per existing file, `path<TAB>-` per missing one. */
export function probeScript(paths: readonly string[]): string {
  return [
    `for f in ${paths.map(quote).join(" ")}; do`,
    `  if [ -f "$f" ]; then printf '%s\\t%s\\t%s\\n' "$f" "$(sha256sum < "$f" | cut -d' ' -f1)" "$(stat -c '%U\t%G\t%a' "$f")";`,
    `  else printf '%s\\t-\\n' "$f"; fi`,
    `done`,
  ].join("\n");
}

/**
 * Writes stdin to a temp file next to the target, checks its sha256 (a transfer cut short never
 * matches), sets owner and mode, fsyncs, keeps the current file as PATH.polyvisor-prev, and renames
 * the temp file over the target. Any failure before the rename leaves the old file untouched.
 */
export function pushScript(path: string, sha256: string, owner: string, group: string, mode: string): string {
  const f = quote(path);
  return [
    "set -eu",
    `f=${f}; d=$(dirname "$f"); b=$(basename "$f")`,
    `mkdir -p "$d"`,
    `rm -f "$d/.$b.polyvisor-"*`,
    `tmp=$(mktemp "$d/.$b.polyvisor-XXXXXX")`,
    `trap 'rm -f "$tmp"' EXIT`,
    `trap 'exit 129' HUP INT TERM PIPE`,
    `cat > "$tmp"`,
    `got=$(sha256sum < "$tmp" | cut -d' ' -f1)`,
    `if [ "$got" != ${sha256} ]; then echo "content arrived incomplete (sha256 $got)" >&2; exit 3; fi`,
    `chown ${quote(`${owner}:${group}`)} "$tmp"`,
    `chmod ${mode} "$tmp"`,
    `sync "$tmp"`,
    `if [ -f "$f" ]; then cp -p "$f" "$tmp.prev" && sync "$tmp.prev" && mv -f "$tmp.prev" "$f${PREVIOUS_SUFFIX}"; else rm -f "$f${PREVIOUS_SUFFIX}"; fi`,
    `mv -f "$tmp" "$f"`,
    `sync "$d" 2>/dev/null || true`,
  ].join("\n");
}

/** Sets owner and mode only (content already right). */
export function attributesScript(path: string, owner: string, group: string, mode: string): string {
  return `chown ${quote(`${owner}:${group}`)} ${quote(path)} && chmod ${mode} ${quote(path)}`;
}

/** Puts PATH.polyvisor-prev back atomically, or removes PATH when it did not exist before. */
export function restoreScript(path: string, existedBefore: boolean): string {
  const f = quote(path);
  if (!existedBefore) return `rm -f ${f}`;
  return [
    "set -eu",
    `f=${f}`,
    `cp -p "$f${PREVIOUS_SUFFIX}" "$f.polyvisor-restore"`,
    `sync "$f.polyvisor-restore"`,
    `mv -f "$f.polyvisor-restore" "$f"`,
  ].join("\n");
}
