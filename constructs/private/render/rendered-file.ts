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
    }));
}

export function secretNamesOf(files: readonly RenderedFile[]): string[] {
  return [...new Set(files.flatMap((f) => secretNamesIn(f.content)))].sort();
}
