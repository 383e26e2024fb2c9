// Config files pushed atomically: compare sha256 first (a re-run writes nothing), then temp file in
// the same directory + fsync + owner/mode + rename, keeping the previous version for rollback.

import { createHash } from "node:crypto";
import { PolyvisorError } from "../errors";
import { SshSession } from "../ssh/session";
import { fillSecrets, hasSecrets, Secrets } from "./secrets";
import { formatMode, parseMode } from "./file-mode";
import { attributesScript, probeScript, pushScript, restoreScript } from "./private/file-scripts";

export interface FileSpec {
  /** Absolute path on the host. */
  readonly path: string;
  /** Content; may hold `${secret:NAME}` placeholders. */
  readonly content: string;
  /** Octal mode (default 0644; 0640 when the content has secrets). */
  readonly mode?: string;
  readonly owner?: string;
  readonly group?: string;
}

export interface FileState {
  readonly path: string;
  readonly exists: boolean;
  readonly sha256?: string;
  readonly owner?: string;
  readonly group?: string;
  /** Octal, e.g. 0644. */
  readonly mode?: string;
}

export type FileAction = "create" | "update" | "attributes" | "unchanged";

export interface FilePlan {
  readonly path: string;
  readonly action: FileAction;
  /** sha256 of the rendered content (secrets filled). */
  readonly sha256: string;
  readonly current: FileState;
  readonly owner: string;
  readonly group: string;
  readonly mode: string;
  readonly hasSecrets: boolean;
}

/** A file this run changed, as needed to roll it back. */
export interface FileChange {
  readonly path: string;
  readonly action: Exclude<FileAction, "unchanged">;
  readonly existedBefore: boolean;
  readonly previous: FileState;
}

const SAFE_PATH = /^\/[^\s'"\\$`]*[^/\s]$/;

export function sha256Hex(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Reads checksum, owner, group and mode of files on the host in one command. */
export async function probeFiles(session: SshSession, paths: readonly string[], step = "files:probe"): Promise<Map<string, FileState>> {
  const states = new Map<string, FileState>();
  if (paths.length === 0) return states;
  const out = (await session.run(probeScript(paths), { step })).stdout;
  for (const line of out.split("\n").filter(Boolean)) {
    const [path, sha256, owner, group, mode] = line.split("\t");
    states.set(path, sha256 === "-" ? { path, exists: false } : { path, exists: true, sha256, owner, group, mode: formatMode(parseInt(mode, 8)) });
  }
  return states;
}

/** Decides per file what an apply would do. Pure but for the one probe command. */
export async function planFiles(session: SshSession, files: readonly FileSpec[], secrets: Secrets = {}): Promise<FilePlan[]> {
  const host = session.host.name;
  for (const f of files) validatePath(host, f.path);
  const duplicates = files.map((f) => f.path).filter((p, i, all) => all.indexOf(p) !== i);
  if (duplicates.length > 0) {
    throw new PolyvisorError("FileDuplicate", "the same path is managed twice", { where: `${host}:files`, value: duplicates, fix: "manage each path in one role only" });
  }
  const states = await probeFiles(session, files.map((f) => f.path));
  return files.map((f) => {
    const where = `${host}:files:${f.path}`;
    const secret = hasSecrets(f.content);
    const sha256 = sha256Hex(fillSecrets(f.content, secrets, where));
    const mode = formatMode(parseMode(f.mode, secret, where));
    const owner = f.owner ?? "root";
    const group = f.group ?? "root";
    const current = states.get(f.path) ?? { path: f.path, exists: false };
    const action: FileAction = !current.exists ? "create"
      : current.sha256 !== sha256 ? "update"
      : current.owner !== owner || current.group !== group || current.mode !== mode ? "attributes"
      : "unchanged";
    return { path: f.path, action, sha256, current, owner, group, mode, hasSecrets: secret };
  });
}

/** Carries out a plan; returns what changed (for reports and rollback). Secrets go over stdin only. */
export async function pushFiles(session: SshSession, files: readonly FileSpec[], plans: readonly FilePlan[], secrets: Secrets = {}): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const plan of plans) {
    if (plan.action === "unchanged") continue;
    const step = `files:${plan.path}`;
    if (plan.action === "attributes") {
      await session.run(attributesScript(plan.path, plan.owner, plan.group, plan.mode), { step });
    } else {
      const spec = files.find((f) => f.path === plan.path)!;
      const content = fillSecrets(spec.content, secrets, `${session.host.name}:${step}`);
      const result = await session.exec(pushScript(plan.path, plan.sha256, plan.owner, plan.group, plan.mode), { step, stdin: content });
      if (result.code !== 0) {
        throw new PolyvisorError("FilePushFailed", `writing ${plan.path} failed; the previous version is untouched`, {
          where: `${session.host.name}:${step}`, value: session.logger.redactor.redact(result.stderr.trim()),
          fix: "check the owner/group exist on the host and the directory is writable, then apply again",
        });
      }
    }
    session.logger.with({ step }).info(`${plan.action} ${plan.path} (mode ${plan.mode}, ${plan.owner}:${plan.group})`);
    changes.push({ path: plan.path, action: plan.action, existedBefore: plan.current.exists, previous: plan.current });
  }
  return changes;
}

/** Undoes file changes of a run: previous content back (atomically), created files removed. */
export async function restoreFiles(session: SshSession, changes: readonly FileChange[]): Promise<string[]> {
  const done: string[] = [];
  for (const c of [...changes].reverse()) {
    const step = `rollback:${c.path}`;
    if (c.action === "attributes") {
      const p = c.previous;
      await session.run(attributesScript(c.path, p.owner ?? "root", p.group ?? "root", p.mode ?? "0644"), { step });
    } else {
      await session.run(restoreScript(c.path, c.existedBefore), { step });
    }
    done.push(c.existedBefore ? `restored ${c.path}` : `removed ${c.path}`);
  }
  return done;
}

function validatePath(host: string, path: string): void {
  if (!SAFE_PATH.test(path) || path.split("/").includes("..")) {
    throw new PolyvisorError("FilePathInvalid", "a managed file needs an absolute path without spaces, quotes, `$`, `..` or a trailing slash", {
      where: `${host}:files`, value: path, allowed: "e.g. /etc/nova/nova.conf",
    });
  }
}
