// Where an example's companion files are: beside the source (examples/<name>/) whether the example
// runs from dist/ (compiled) or from the source tree.
import * as fs from "node:fs";
import * as path from "node:path";

/** The project root: the nearest directory above this file holding package.json. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function exampleFile(example: string, file: string): string {
  return path.join(projectRoot(), "examples", example, file);
}
