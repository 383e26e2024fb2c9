// polyvisor_rendered_file: a file written on the machine that runs terraform. Needs no host, so it
// is the resource the end-to-end tests drive: atomic write with mode, drift by reading the file back
// (a hand edit shows up as a content change in the next plan), import by path.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { resources } from "../schema";
import { Diagnostic, error } from "../lifecycle/diagnostics";
import { PolyvisorError } from "../../provisioners/errors";
import { isUnknown, ObjectValue, UNKNOWN } from "../values";
import { ResourceHandler } from "./handler";
import { writeFileAtomic } from "./private/atomic-write";

const DEFAULT_MODE = "0644";
const MODE_PATTERN = /^0?[0-7]{3}$/;

const sha256 = (data: string | Buffer) => crypto.createHash("sha256").update(data).digest("hex");
const formatMode = (bits: number) => "0" + (bits & 0o777).toString(8).padStart(3, "0");

function validate(config: ObjectValue): Diagnostic[] {
  const out: Diagnostic[] = [];
  const p = config.path;
  if (typeof p === "string" && !path.isAbsolute(p)) {
    out.push(error("polyvisor_rendered_file: path must be absolute", `Got ${JSON.stringify(p)}. Fix: give an absolute path (path.resolve(...) in cdktf code, abspath(...) in HCL).`, ["path"]));
  }
  const mode = config.mode;
  if (typeof mode === "string" && !MODE_PATTERN.test(mode)) {
    out.push(error("polyvisor_rendered_file: mode must be an octal file mode", `Got ${JSON.stringify(mode)}. Allowed: three octal digits with an optional leading 0, e.g. 0644 or 0640.`, ["mode"]));
  }
  return out;
}

/** The file as it is on disk, in the resource's shape; null when it does not exist. */
function fileState(filePath: string, stateMode: string | null): ObjectValue | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  if (!stat.isFile()) {
    throw new PolyvisorError("NotARegularFile", "polyvisor_rendered_file: something other than a file is at path", {
      where: "path",
      value: filePath,
      fix: "remove it or choose another path",
    });
  }
  const bytes = fs.readFileSync(filePath);
  const bits = stat.mode & 0o777;
  // Keep the operator's spelling (644 vs 0644) while the permissions are the same.
  const mode = stateMode !== null && MODE_PATTERN.test(stateMode) && parseInt(stateMode, 8) === bits ? stateMode : formatMode(bits);
  return { id: filePath, path: filePath, content: bytes.toString("utf8"), mode, sha256: sha256(bytes) };
}

async function write(planned: ObjectValue): Promise<ObjectValue> {
  const filePath = planned.path as string;
  const mode = planned.mode as string;
  const content = planned.content as string;
  writeFileAtomic(filePath, content, parseInt(mode, 8));
  return { ...planned, id: filePath, sha256: sha256(Buffer.from(content, "utf8")) };
}

export const renderedFile: ResourceHandler = {
  typeName: "polyvisor_rendered_file",
  definition: resources.polyvisor_rendered_file,
  validate,
  plan({ planned }) {
    const out = { ...planned };
    if (isUnknown(out.mode)) out.mode = DEFAULT_MODE;
    out.id = typeof out.path === "string" ? out.path : UNKNOWN;
    out.sha256 = typeof out.content === "string" ? sha256(Buffer.from(out.content, "utf8")) : UNKNOWN;
    return { planned: out };
  },
  create: (planned) => write(planned),
  update: (_prior, planned) => write(planned),
  async delete(prior) {
    fs.rmSync(prior.path as string, { force: true });
  },
  async read(state) {
    return fileState(state.path as string, typeof state.mode === "string" ? state.mode : null);
  },
  async import(id) {
    if (!path.isAbsolute(id)) {
      throw new PolyvisorError("ImportIdInvalid", "polyvisor_rendered_file is imported by the file's absolute path", { value: id, fix: "terraform import ADDRESS /absolute/path/of/the/file" });
    }
    const state = fileState(id, null);
    if (!state) throw new PolyvisorError("ImportNotFound", "no file to import at this path", { value: id, fix: "check the path; the file must exist" });
    return state;
  },
};
