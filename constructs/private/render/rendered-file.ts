// A file rendered at synth time for one role, before it goes into the resource's `files` block.
import { secretNamesIn } from "../../../provisioners/config/secrets";
import { escapeTemplate } from "../terraform-string";

export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  /** Octal mode; files with secret placeholders default to 0640. */
  readonly mode?: string;
  readonly owner?: string;
  readonly group?: string;
  /** Services of the role restarted when the file changes (unset: the provider's default, every service). */
  readonly restarts?: readonly string[];
}

/** The `files` block entries: contents escaped for Terraform, secret-bearing files 0640. */
export function toFilesBlock(files: readonly RenderedFile[]) {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({
      path: f.path,
      content: escapeTemplate(f.content),
      mode: f.mode ?? (secretNamesIn(f.content).length > 0 ? "0640" : "0644"),
      owner: f.owner,
      group: f.group,
      restarts: f.restarts === undefined ? undefined : [...f.restarts],
    }));
}

export function secretNamesOf(files: readonly RenderedFile[]): string[] {
  return [...new Set(files.flatMap((f) => secretNamesIn(f.content)))].sort();
}
