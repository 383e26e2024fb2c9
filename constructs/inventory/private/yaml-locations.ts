// Maps a JSON path inside a parsed YAML document back to the line the operator wrote it on.
import { Document, LineCounter, isNode } from "yaml";

export function lineOf(doc: Document, lines: LineCounter, path: readonly (string | number)[]): number {
  // Walk up until a node with a source range exists (a missing property points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** `/hosts/1/bmc/port` -> ["hosts", 1, "bmc", "port"] */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** ["hosts", 1, "bmc", "port"] -> `hosts[1].bmc.port` */
export function pathToField(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}
