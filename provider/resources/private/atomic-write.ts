// Write a file so that readers see the old or the new content, never a partial one: a temporary
// file in the same directory, fsync, chmod (umask does not apply), rename over the target.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export function writeFileAtomic(target: string, content: string | Buffer, mode: number): void {
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${crypto.randomBytes(6).toString("hex")}.tmp`);
  const fd = fs.openSync(tmp, "wx", 0o600);
  try {
    fs.writeFileSync(fd, content);
    fs.fchmodSync(fd, mode);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, target);
}
