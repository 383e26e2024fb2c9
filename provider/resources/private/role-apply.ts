// ADAPTER over provisioners/stages: applies a role in the order the role resources promise
// (packages -> files -> bootstrap commands -> start/restart only services whose inputs changed ->
// health checks) and, on any failure after the first file was written, puts the host back: files
// restored (or removed), services started by this run stopped (and disabled), services restarted
// by it restarted on the old files. stages/applyRole has no bootstrap step between files and
// services and does not stop what it started when it rolls back, so this composes the stages'
// public functions (package install, atomic file push and restore, service manager, health
// checks) instead; the SSH, push and restore logic stay in the provisioners.
import type { FileChange, FileSpec } from "../../../provisioners/stages/files";
import type { RoleSpec } from "../../../provisioners/stages/role";
import type { ServiceManager, ServiceStatus } from "../../../provisioners/stages/service-manager";
import type { SshSession } from "../../../provisioners/ssh/session";
import { PolyvisorError, isPolyvisorError } from "../../../provisioners/errors";
import { quote } from "../../../provisioners/ssh/shell";
import { ProvisionerApi } from "./host-access";
import { dropOriginals, keepOriginals, removeFiles } from "./role-files";

export interface RoleApplyInput {
  /** Services carry explicit `inputs` (the files that restart them). */
  readonly role: RoleSpec;
  /** Idempotent shell commands run after the files are in place (secrets filled on the host side only). */
  readonly bootstrap: readonly string[];
  /** Paths whose current file, if polyvisor did not write it, is kept as PATH.polyvisor-orig first. */
  readonly adopt: readonly string[];
  /** Resource name for errors, e.g. polyvisor_compute_node. */
  readonly resource: string;
}

export interface RoleApplyResult {
  readonly changes: readonly string[];
}

const UNIT_DIRS = ["/etc/systemd/system/", "/lib/systemd/system/", "/usr/lib/systemd/system/"];
export const isUnitFile = (path: string) => UNIT_DIRS.some((d) => path.startsWith(d));

/** A unit file or drop-in of the role for this service (pushed as config, reloaded when it changes). */
export function isUnitFileOf(path: string, service: string): boolean {
  return UNIT_DIRS.some((d) => path === `${d}${service}.service` || path.startsWith(`${d}${service}.service.d/`));
}

/** The host's service manager, with the role's own unit files as the services' definitions. */
async function managerFor(api: ProvisionerApi, session: SshSession, files: readonly FileSpec[]): Promise<ServiceManager> {
  const base = await api.detectServiceManager(session);
  if (base.kind !== "systemd") return base;
  return { ...base, definitionFiles: (s) => [...base.definitionFiles(s), ...files.filter((f) => isUnitFileOf(f.path, s.name))] };
}

/** What the run did so far, in the order it is undone. */
interface Progress {
  readonly fileChanges: FileChange[];
  readonly originals: string[];
  readonly started: string[];
  readonly restarted: string[];
  readonly enabled: string[];
}

export async function applyRoleWithRollback(api: ProvisionerApi, session: SshSession, input: RoleApplyInput): Promise<RoleApplyResult> {
  const { role } = input;
  const secrets = role.secrets ?? {};
  session.logger.redactor.addMap(secrets);
  const manager = await managerFor(api, session, role.files ?? []);
  const changes: string[] = (await api.installPackages(session, role.packages ?? [])).map((p) => `installed ${p}`);
  const before = new Map<string, ServiceStatus>();
  for (const s of role.services ?? []) before.set(s.name, await manager.status(session, s.name));
  const done: Progress = { fileChanges: [], originals: [], started: [], restarted: [], enabled: [] };
  try {
    const specs = api.roleFiles(role, manager);
    const plans = await api.planFiles(session, specs, secrets);
    const replacing = plans.filter((p) => p.current.exists && p.action !== "unchanged" && input.adopt.includes(p.path)).map((p) => p.path);
    done.originals.push(...(await keepOriginals(session, replacing)));
    for (const plan of plans) done.fileChanges.push(...(await api.pushFiles(session, specs, [plan], secrets)));
    changes.push(...done.fileChanges.map((c) => `${c.action} ${c.path}`));
    const changed = done.fileChanges.filter((c) => c.action !== "attributes").map((c) => c.path);

    for (const [i, command] of input.bootstrap.entries()) {
      const step = `bootstrap:${i + 1}`;
      // The command travels on stdin: the filled secrets never reach a command line (ps) or a log.
      await session.run("sh -e -s", { step, stdin: api.fillSecrets(command, secrets, `${session.host.name}:${step}`) });
    }
    if (input.bootstrap.length > 0) changes.push(`ran ${input.bootstrap.length} bootstrap command(s)`);

    if (changed.some(isUnitFile)) await manager.reload(session);
    for (const service of role.services ?? []) {
      const status = before.get(service.name)!;
      const because = api.serviceInputs(role, service, manager).filter((p) => changed.includes(p));
      if (!status.active) {
        await manager.start(session, service.name);
        done.started.push(service.name);
        changes.push(`started ${service.name}`);
      } else if (because.length > 0) {
        await manager.restart(session, service.name);
        done.restarted.push(service.name);
        changes.push(`restarted ${service.name} (changed: ${because.join(", ")})`);
      }
      if (!status.enabled) {
        await manager.enable(session, service.name);
        done.enabled.push(service.name);
      }
    }
    await api.runHealthChecks(session, (role.healthChecks ?? []));
  } catch (err) {
    throw await failed(api, session, manager, input, done, err);
  }
  return { changes };
}

/** Rolls the host back and returns the error to report: host, step, cause and what was undone. */
async function failed(api: ProvisionerApi, session: SshSession, manager: ServiceManager, input: RoleApplyInput, done: Progress, err: unknown): Promise<PolyvisorError> {
  const host = session.host.name;
  const where = isPolyvisorError(err) && err.details.where ? err.details.where : `${host}:apply`;
  const step = where.startsWith(`${host}:`) ? where.slice(host.length + 1) : where;
  const log = session.logger.with({ step: "rollback" });
  let rollback: string;
  try {
    const undone: string[] = [];
    for (const name of done.started) { await manager.stop(session, name); undone.push(`stopped ${name}`); }
    for (const name of done.enabled) await disable(session, manager, name);
    undone.push(...(await api.restoreFiles(session, done.fileChanges)));
    await dropOriginals(session, done.originals);
    await manager.reload(session);
    for (const name of done.restarted) { await manager.restart(session, name); undone.push(`restarted ${name} on the old files`); }
    rollback = undone.length > 0 ? `the host was rolled back (${undone.join(", ")})` : "nothing had changed on the host yet";
    log.warn(rollback);
  } catch (rbErr) {
    rollback = `ROLLBACK FAILED, the host may be half-configured: ${rbErr instanceof Error ? rbErr.message : String(rbErr)}`;
    log.error(rollback);
  }
  const message = err instanceof Error ? err.message : String(err);
  // The cause's own "[Code] host:step:" prefix would repeat what this error already says.
  const cause = session.logger.redactor.redact(message.replace(/^\[\w+\] /, "").replace(`${where}: `, ""));
  return new PolyvisorError(isPolyvisorError(err) ? err.code : "RoleApplyFailed", `${input.resource} failed on host ${host} at step ${step}; ${rollback}. Cause: ${cause}`, {
    where: `${host}:${step}`,
    fix: "fix the cause (the host is in its previous state) and apply again",
  });
}

async function disable(session: SshSession, manager: ServiceManager, name: string): Promise<void> {
  if (manager.kind === "systemd") await session.exec(`systemctl disable ${quote(name)} 2>&1`, { step: `services:${name}` });
}

/** Stops and disables the services, removes the files (putting originals back), reloads units. */
export async function removeRole(api: ProvisionerApi, session: SshSession, services: readonly string[], paths: readonly string[]): Promise<string[]> {
  const manager = await api.detectServiceManager(session);
  const done: string[] = [];
  for (const name of services) {
    const status = await manager.status(session, name);
    if (status.active) { await manager.stop(session, name); done.push(`stopped ${name}`); }
    if (status.enabled) await disable(session, manager, name);
  }
  done.push(...(await removeFiles(session, paths)));
  if (paths.some(isUnitFile)) await manager.reload(session);
  return done;
}
