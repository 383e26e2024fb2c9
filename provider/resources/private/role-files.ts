// A role's files as the host has them, in terms terraform can diff without seeing a secret, plus
// the two host-side file operations the provisioners' stages do not have yet: keeping the file
// that was there before polyvisor's first write (PATH.polyvisor-orig) and putting it back on
// destroy.
import { createHash } from "node:crypto";
import type { SshSession } from "../../../provisioners/ssh/session";
import { quote } from "../../../provisioners/ssh/shell";

/** Suffix of the copy of a file that existed before polyvisor first replaced it. */
export const ORIGINAL_SUFFIX = ".polyvisor-orig";
/** Suffix the provisioners' atomic push uses for the previous version (stages/private/file-scripts). */
const PREVIOUS_SUFFIX = ".polyvisor-prev";

export interface HostFile {
  readonly text: string;
  readonly sha256: string;
  readonly owner: string;
  readonly group: string;
  /** Octal with a leading 0, e.g. 0640. */
  readonly mode: string;
}

const PLACEHOLDER = /\$\{secret:([A-Za-z0-9_.-]+)\}/;
/** Secret values shorter than this are not put back as placeholders (they would match ordinary text). */
const MIN_SECRET_LENGTH = 4;

export const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Content, checksum, owner, group and mode of each path (null: no such file), in one command. */
export async function fetchFiles(session: SshSession, paths: readonly string[]): Promise<Map<string, HostFile | null>> {
  const out = new Map<string, HostFile | null>();
  if (paths.length === 0) return out;
  const script = [
    `for f in ${paths.map(quote).join(" ")}; do`,
    `  if [ -f "$f" ]; then printf '%s\\t%s\\t' "$f" "$(stat -c '%U\t%G\t%a' "$f")"; base64 -w0 < "$f"; echo;`,
    `  else printf '%s\\t-\\n' "$f"; fi`,
    `done`,
  ].join("\n");
  const stdout = (await session.run(script, { step: "read:files" })).stdout;
  for (const line of stdout.split("\n").filter(Boolean)) {
    const [path, owner, group, mode, b64] = line.split("\t");
    if (owner === "-") {
      out.set(path, null);
      continue;
    }
    const bytes = Buffer.from(b64 ?? "", "base64");
    out.set(path, { text: bytes.toString("utf8"), sha256: sha256Hex(bytes), owner, group, mode: `0${parseInt(mode, 8).toString(8).padStart(3, "0")}` });
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The host's version of a file as terraform should see it: every secret value put back as its
 * `${secret:NAME}` placeholder, and on a line that the template fills from a secret but whose
 * value was edited on the host, the new value hidden (it is most likely a secret too). The next
 * plan then shows exactly the lines a hand edit changed, and never a secret.
 */
export function hostContentForState(template: string, hostText: string, secrets: Readonly<Record<string, string>>): string {
  let text = hostText;
  const names = Object.keys(secrets).filter((n) => secrets[n].length >= MIN_SECRET_LENGTH).sort((a, b) => secrets[b].length - secrets[a].length);
  for (const name of names) text = text.split(secrets[name]).join(`\${secret:${name}}`);
  const templateLines = new Set(template.split("\n"));
  const patterns = [...templateLines]
    .filter((line) => PLACEHOLDER.test(line))
    .map((line) => line.split(new RegExp(PLACEHOLDER.source)))
    // parts: literal, name, literal, name, ...; a line that is only a placeholder would match any line.
    .filter((parts) => parts[0].trim().length > 0)
    .map((parts) => ({ parts, re: new RegExp(`^${parts.map((p, i) => (i % 2 === 0 ? escapeRegExp(p) : "(.*)")).join("")}$`) }));
  return text
    .split("\n")
    .map((line) => {
      if (templateLines.has(line)) return line;
      for (const { parts, re } of patterns) {
        const m = re.exec(line);
        if (!m) continue;
        return parts.map((p, i) => (i % 2 === 0 ? p : m[(i + 1) / 2] === `\${secret:${p}}` ? m[(i + 1) / 2] : `(secret ${p} edited on the host; value hidden)`)).join("");
      }
      return line;
    })
    .join("\n");
}

/** Keeps the current file as PATH.polyvisor-orig (once: an existing copy is the real original). */
export async function keepOriginals(session: SshSession, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const script = paths
    .map((p) => `f=${quote(p)}; if [ -f "$f" ] && [ ! -e "$f${ORIGINAL_SUFFIX}" ]; then cp -p "$f" "$f${ORIGINAL_SUFFIX}" && echo "$f"; fi`)
    .join("\n");
  return (await session.run(script, { step: "files:keep-original" })).stdout.split("\n").filter(Boolean);
}

/** Drops original copies made by a run that was rolled back (the file itself is back already). */
export async function dropOriginals(session: SshSession, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  await session.run(`rm -f ${paths.map((p) => quote(`${p}${ORIGINAL_SUFFIX}`)).join(" ")}`, { step: "rollback:originals" });
}

/** Removes managed files, putting back each original polyvisor kept; returns what it did. */
export async function removeFiles(session: SshSession, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const script = paths
    .map((p) => [
      `f=${quote(p)}; rm -f "$f${PREVIOUS_SUFFIX}"`,
      `if [ -e "$f${ORIGINAL_SUFFIX}" ]; then mv -f "$f${ORIGINAL_SUFFIX}" "$f" && echo "restored $f"; elif [ -e "$f" ]; then rm -f "$f" && echo "removed $f"; fi`,
    ].join("\n"))
    .join("\n");
  return (await session.run(script, { step: "files:remove" })).stdout.split("\n").filter(Boolean);
}
