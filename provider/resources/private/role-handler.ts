// What polyvisor_control_plane and polyvisor_compute_node share: a role on a host (packages, files
// with `${secret:NAME}` placeholders, services, health checks) applied with rollback, read back
// from the host for drift (secrets put back as placeholders), and removed on destroy. Each resource
// adds its own computed values and checks through a RoleKind.
import { Diagnostic, error, warning } from "../../lifecycle/diagnostics";
import { ResourceDefinition } from "../../schema";
import { PolyvisorError } from "../../../provisioners/errors";
import type { FileSpec } from "../../../provisioners/stages/files";
import type { RoleSpec } from "../../../provisioners/stages/role";
import type { SshSession } from "../../../provisioners/ssh/session";
import { isUnknown, isWhollyKnown, ObjectValue, UNKNOWN, Value, valuesEqual } from "../../values";
import { ProviderContext, ResourceHandler } from "../handler";
import { hostAccess, HostAccess, onHostSlot, registerSecrets } from "./host-access";
import { decodeConnection } from "./host-connection";
import { applyRoleWithRollback, removeRole } from "./role-apply";
import { feeds, roleImpact } from "./role-impact";
import { fetchFiles, hostContentForState } from "./role-files";

export interface RoleKind {
  readonly typeName: string;
  readonly definition: ResourceDefinition;
  /** Role name in logs and reports (controller, compute). */
  readonly role: string;
  /** Checks of this resource's own attributes (values may be unknown). */
  validate?(config: ObjectValue): Diagnostic[] | Promise<Diagnostic[]>;
  /** The id and computed values that follow from the inputs (set only when they are known). */
  derived(planned: ObjectValue, prior: ObjectValue | null): ObjectValue | Promise<ObjectValue>;
  /** Inputs that change what is on the host, besides files, packages, services and secrets. */
  readonly hostInputs: readonly string[];
  /** Placeholder names the resource fills itself (e.g. admin), beyond the secrets map. */
  readonly ownSecrets: readonly string[];
  /** Values for placeholders beyond the secrets map (e.g. the admin password), and the filled-in computed values. */
  secretsFor?(planned: ObjectValue): { readonly extra: Readonly<Record<string, string>>; readonly computed: ObjectValue };
  /** Computed values read from the host after apply and on read (e.g. service_state). */
  observe?(session: SshSession, obj: ObjectValue): Promise<ObjectValue>;
  /** Attributes observe() fills. */
  readonly observed: readonly string[];
}

const PLACEHOLDER = /\$\{secret:([A-Za-z0-9_.-]+)\}/g;
const list = (v: Value): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const map = (v: Value): Record<string, string> => (v !== null && typeof v === "object" && !Array.isArray(v) && !isUnknown(v) ? (v as Record<string, string>) : {});
const files = (v: Value): ObjectValue[] => (Array.isArray(v) ? (v as ObjectValue[]) : []);

async function validateRole(kind: RoleKind, config: ObjectValue): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [...((await kind.validate?.(config)) ?? [])];
  const secrets = config.secrets;
  const seen = new Set<string>();
  files(config.files).forEach((f, i) => {
    const path = f.path;
    if (typeof path === "string") {
      if (!/^\/[^\s'"\\$`]*[^/\s]$/.test(path) || path.split("/").includes("..")) {
        out.push(error(`${kind.typeName}: file path must be absolute, without spaces, quotes, $ or ..`, `Got ${JSON.stringify(path)}, e.g. /etc/nova/nova.conf.`, ["files", i, "path"]));
      }
      if (seen.has(path)) out.push(error(`${kind.typeName}: the same file is listed twice`, `${path} appears more than once in files.`, ["files", i, "path"]));
      seen.add(path);
    }
    if (typeof f.content === "string" && secrets !== null && isWhollyKnown(secrets)) {
      const missing = [...new Set([...f.content.matchAll(PLACEHOLDER)].map((m) => m[1]))].filter((n) => !(n in map(secrets)) && !kind.ownSecrets.includes(n));
      if (missing.length > 0) {
        out.push(error(`${kind.typeName}: file uses secrets the secrets map does not define`, `${String(path)} uses ${missing.map((n) => `\${secret:${n}}`).join(", ")}. Allowed: ${Object.keys(map(secrets)).sort().join(", ") || "(no secrets given)"}. Fix: add the names to secrets.`, ["files", i, "content"]));
      }
    }
    if (typeof f.mode === "string" && !/^0?[0-7]{3,4}$/.test(f.mode)) {
      out.push(error(`${kind.typeName}: file mode is not octal`, `Got ${JSON.stringify(f.mode)}. Allowed: e.g. 0644, or 0640 for files with secrets.`, ["files", i, "mode"]));
    } else if (typeof f.mode === "string" && typeof f.content === "string" && PLACEHOLDER.test(f.content) && (parseInt(f.mode, 8) & 0o037) !== 0) {
      out.push(error(`${kind.typeName}: a file with secrets must be 0640 or tighter`, `${String(path)} has mode ${f.mode}. Fix: set 0640 or 0600, or leave mode unset.`, ["files", i, "mode"]));
    }
    PLACEHOLDER.lastIndex = 0;
  });
  return out;
}

const hasSecrets = (content: string) => new RegExp(PLACEHOLDER.source).test(content);

async function plan(kind: RoleKind, prior: ObjectValue | null, config: ObjectValue, planned: ObjectValue): Promise<ObjectValue> {
  const configured = files(config.files);
  const out: ObjectValue = {
    ...planned,
    files: !Array.isArray(planned.files) ? planned.files : files(planned.files).map((f, i) => ({
      ...f,
      mode: configured[i]?.mode ?? (typeof f.content === "string" ? (hasSecrets(f.content) ? "0640" : "0644") : UNKNOWN),
      owner: configured[i]?.owner ?? "root",
      group: configured[i]?.group ?? "root",
    })),
  };
  Object.assign(out, await kind.derived(out, prior));
  if (prior !== null) {
    const hostChanges = ["files", "packages", "services", "secrets", "health_checks", "bootstrap_commands", ...kind.hostInputs].some((n) => !valuesEqual(prior[n] ?? null, out[n] ?? null));
    for (const name of ["applied_at", "file_checksums", ...kind.observed]) out[name] = hostChanges ? UNKNOWN : (prior[name] ?? null);
  }
  return out;
}

/** The role in the provisioners' terms; each service restarts only on the files that name it. */
function roleSpec(kind: RoleKind, obj: ObjectValue, secrets: Record<string, string>): RoleSpec {
  const fileObjs = files(obj.files);
  const specs: FileSpec[] = fileObjs.map((f) => ({ path: f.path as string, content: f.content as string, mode: f.mode as string, owner: f.owner as string, group: f.group as string }));
  const services = list(obj.services);
  return {
    name: kind.role,
    packages: list(obj.packages),
    files: specs,
    services: services.map((name) => ({ name, inputs: fileObjs.filter((f) => feeds(f, name)).map((f) => f.path as string) })),
    secrets,
    healthChecks: list(obj.health_checks).map((command) => ({ command })),
  };
}

interface Connected {
  readonly a: HostAccess;
  readonly session: SshSession;
  readonly secrets: Record<string, string>;
  readonly computed: ObjectValue;
}

async function connect(kind: RoleKind, obj: ObjectValue, ctx: ProviderContext): Promise<Connected> {
  const a = await hostAccess(ctx);
  const host = decodeConnection(obj.host_connection, String(obj.host_id), kind.typeName);
  registerSecrets(a, host.sshPrivateKey, ...Object.values(map(obj.secrets)));
  const extra = kind.secretsFor?.(obj) ?? { extra: {}, computed: {} };
  registerSecrets(a, ...Object.values(extra.extra));
  const session = await a.pool.get(host);
  return { a, session, secrets: { ...extra.extra, ...map(obj.secrets) }, computed: extra.computed };
}

async function checksums(a: HostAccess, session: SshSession, paths: string[]): Promise<Record<string, string>> {
  const states = await a.api.probeFiles(session, paths, "files:checksums");
  return Object.fromEntries(paths.map((p) => [p, states.get(p)?.sha256 ?? ""]));
}

async function apply(kind: RoleKind, prior: ObjectValue | null, planned: ObjectValue, ctx: ProviderContext): Promise<ObjectValue> {
  const { a, session, secrets, computed } = await connect(kind, planned, ctx);
  const role = roleSpec(kind, planned, secrets);
  const priorPaths = files(prior?.files ?? null).map((f) => f.path as string);
  const paths = (role.files ?? []).map((f) => f.path);
  const result = await applyRoleWithRollback(a.api, session, {
    role,
    bootstrap: list(planned.bootstrap_commands ?? null),
    adopt: paths.filter((p) => !priorPaths.includes(p)),
    resource: kind.typeName,
  });
  const log = a.logger.with({ host: session.host.name, step: kind.role });
  if (prior !== null) {
    const gone = priorPaths.filter((p) => !paths.includes(p));
    const dropped = list(prior.services).filter((s) => !list(planned.services).includes(s));
    if (gone.length > 0 || dropped.length > 0) log.info(`no longer managed: ${(await removeRole(a.api, session, dropped, gone)).join(", ") || "nothing to undo"}`);
  }
  log.info(result.changes.length > 0 ? result.changes.join("; ") : "no change on the host");
  const fill = (obj: ObjectValue, name: string, value: Value) => (isUnknown(obj[name]) ? value : obj[name]);
  let out: ObjectValue = { ...planned };
  for (const [name, value] of Object.entries(computed)) out[name] = fill(out, name, value);
  out.applied_at = fill(out, "applied_at", new Date().toISOString());
  out.file_checksums = fill(out, "file_checksums", await checksums(a, session, paths));
  if (kind.observe) {
    const seen = await kind.observe(session, out);
    for (const name of kind.observed) out[name] = fill(out, name, seen[name] ?? null);
  }
  return out;
}

/** Failures that mean the host is not reachable now (e.g. powered off), not that the role is wrong. */
const UNREACHABLE = ["SshUnreachable", "SshConnectionLost", "HostNotReady"];

async function read(kind: RoleKind, state: ObjectValue, ctx: ProviderContext): Promise<ObjectValue> {
  if (typeof state.host_connection !== "string") return state;
  let connected: Connected;
  try {
    connected = await connect(kind, state, ctx);
  } catch (err) {
    // The host's own refresh reports it off; keeping the role's state lets the next apply power it on.
    if (!(err instanceof PolyvisorError && UNREACHABLE.includes(err.code))) throw err;
    ctx.log(`[WARN] polyvisor ${String(state.host_id)}: ${kind.typeName} not refreshed, the host is not reachable (${err.code})`);
    return state;
  }
  const { a, session, secrets } = connected;
  const stateFiles = files(state.files);
  const found = await fetchFiles(session, stateFiles.map((f) => f.path as string));
  const sums: Record<string, string> = {};
  const fresh: ObjectValue[] = [];
  for (const f of stateFiles) {
    const got = found.get(f.path as string);
    if (!got) continue; // removed on the host: the next plan adds it back
    sums[f.path as string] = got.sha256;
    let expected: string | null;
    try {
      expected = a.api.fillSecrets(f.content as string, secrets, `${session.host.name}:read:${String(f.path)}`);
    } catch {
      expected = null;
    }
    const sameMode = typeof f.mode === "string" && parseInt(f.mode, 8) === parseInt(got.mode, 8);
    fresh.push({
      ...f,
      content: expected === got.text ? f.content : hostContentForState(f.content as string, got.text, secrets),
      mode: sameMode ? f.mode : got.mode,
      owner: got.owner,
      group: got.group,
    });
  }
  const missing = await a.api.missingPackages(session, list(state.packages));
  let out: ObjectValue = {
    ...state,
    files: fresh,
    file_checksums: sums,
    packages: Array.isArray(state.packages) ? list(state.packages).filter((p) => !missing.includes(p)) : state.packages,
  };
  if (kind.observe) out = { ...out, ...(await kind.observe(session, out)) };
  return out;
}

async function destroy(kind: RoleKind, prior: ObjectValue, ctx: ProviderContext): Promise<void> {
  if (typeof prior.host_connection !== "string") return;
  const { a, session } = await connect(kind, prior, ctx);
  const done = await removeRole(a.api, session, list(prior.services), files(prior.files).map((f) => f.path as string));
  a.logger.with({ host: session.host.name, step: kind.role }).info(`destroy: ${done.join(", ") || "nothing to undo"}`);
}

export function roleHandler(kind: RoleKind): ResourceHandler {
  return {
    typeName: kind.typeName,
    definition: kind.definition,
    validate: (config) => validateRole(kind, config),
    plan: async ({ prior, config, planned }) => {
      const out = await plan(kind, prior, config, planned);
      const impact = prior === null ? [] : roleImpact(prior, out);
      const host = typeof out.host_id === "string" ? out.host_id : "its host";
      return {
        planned: out,
        diagnostics: impact.length === 0 ? [] : [warning(`${kind.typeName} will change host ${host}`, `On ${host}: ${impact.join("; ")}.`)],
      };
    },
    create: (planned, _config, ctx) => onHostSlot(ctx, () => apply(kind, null, planned, ctx)),
    update: (prior, planned, _config, ctx) => onHostSlot(ctx, () => apply(kind, prior, planned, ctx)),
    delete: (prior, ctx) => onHostSlot(ctx, () => destroy(kind, prior, ctx)),
    read: (state, ctx) => onHostSlot(ctx, () => read(kind, state, ctx)),
    async import(id) {
      throw new PolyvisorError("ImportNotSupported", `${kind.typeName} cannot be imported: polyvisor needs the host's connection, which only the configuration has`, {
        value: id,
        fix: "add the resource to the configuration and apply: files already on the host are adopted (the originals are kept as PATH.polyvisor-orig and put back on destroy)",
      });
    },
  };
}
