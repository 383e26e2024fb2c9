// A role on a host: packages, config files, services and health checks, applied in that order.
// Services restart only when a file that feeds them changed; a failure after files changed rolls
// the host back to the previous files (and restarts what was restarted).

import { SshSession } from "../ssh/session";
import { FileChange, FilePlan, FileSpec, planFiles, pushFiles, restoreFiles } from "./files";
import { HealthCheck, runHealthChecks } from "./health";
import { PackageOptions, installPackages, missingPackages } from "./packages";
import { Secrets } from "./secrets";
import { ServiceManager, ServiceSpec, detectServiceManager } from "./service-manager";
import { StageResult, timedStage } from "./stage-result";

export interface RoleSpec {
  /** Role name for reports (controller, compute, ...). */
  readonly name: string;
  readonly packages?: readonly string[];
  readonly files?: readonly FileSpec[];
  readonly services?: readonly ServiceSpec[];
  /** Values for `${secret:NAME}` placeholders (secret: redacted from every log and error). */
  readonly secrets?: Secrets;
  readonly healthChecks?: readonly HealthCheck[];
}

export interface RoleOptions {
  /** How services run on the host (default: detected). */
  readonly serviceManager?: ServiceManager;
  readonly packages?: PackageOptions;
  /** Restore previous files and restart when a later step fails (default true). */
  readonly rollbackOnFailure?: boolean;
}

export type ServiceAction = "none" | "start" | "restart";

export interface ServicePlan {
  readonly name: string;
  readonly action: ServiceAction;
  readonly enable: boolean;
  /** Changed input files that cause a restart. */
  readonly because: readonly string[];
}

/** What applying a role would change; `disruptive` when a running service would restart or packages install. */
export interface RolePlan {
  readonly role: string;
  readonly host: string;
  readonly missingPackages: readonly string[];
  readonly files: readonly FilePlan[];
  readonly services: readonly ServicePlan[];
  readonly changed: boolean;
  readonly disruptive: boolean;
}

export interface RoleResult {
  readonly role: string;
  readonly host: string;
  readonly stages: readonly StageResult[];
  readonly changed: boolean;
  readonly fileChanges: readonly FileChange[];
}

/** Attached to an error when the role was rolled back before the error was thrown. */
export interface RollbackInfo {
  readonly rolledBack: boolean;
  readonly changes: readonly string[];
  readonly error?: string;
}
const rollbacks = new WeakMap<object, RollbackInfo>();
export function rollbackInfo(err: unknown): RollbackInfo | undefined {
  return typeof err === "object" && err !== null ? rollbacks.get(err) : undefined;
}

/** Every file the role manages: its own plus the service definitions (unit/command files). */
export function roleFiles(role: RoleSpec, manager: ServiceManager): FileSpec[] {
  const all = [...(role.files ?? []), ...(role.services ?? []).flatMap((s) => manager.definitionFiles(s))];
  return all.filter((f, i) => all.findIndex((g) => g.path === f.path) === i);
}

/** Files whose content change restarts a service: its declared inputs (or all role files) and its definition. */
export function serviceInputs(role: RoleSpec, service: ServiceSpec, manager: ServiceManager): string[] {
  const inputs = service.inputs ?? (role.files ?? []).map((f) => f.path);
  return [...inputs, ...manager.definitionFiles(service).map((f) => f.path)];
}

export async function planRole(session: SshSession, role: RoleSpec, options: RoleOptions = {}): Promise<RolePlan> {
  const manager = options.serviceManager ?? (await detectServiceManager(session));
  session.logger.redactor.addMap(role.secrets);
  const missing = await missingPackages(session, role.packages ?? []);
  const files = await planFiles(session, roleFiles(role, manager), role.secrets);
  const changedPaths = files.filter((f) => f.action === "create" || f.action === "update").map((f) => f.path);
  const services = await planServices(session, role, manager, changedPaths);
  const changed = missing.length > 0 || files.some((f) => f.action !== "unchanged") || services.some((s) => s.action !== "none" || s.enable);
  const disruptive = missing.length > 0 || services.some((s) => s.action === "restart");
  return { role: role.name, host: session.host.name, missingPackages: missing, files, services, changed, disruptive };
}

async function planServices(session: SshSession, role: RoleSpec, manager: ServiceManager, changedPaths: readonly string[]): Promise<ServicePlan[]> {
  const plans: ServicePlan[] = [];
  for (const service of role.services ?? []) {
    const status = await manager.status(session, service.name);
    const because = serviceInputs(role, service, manager).filter((p) => changedPaths.includes(p));
    const action: ServiceAction = !status.active ? "start" : because.length > 0 ? "restart" : "none";
    plans.push({ name: service.name, action, enable: !status.enabled, because });
  }
  return plans;
}

/** Applies a role; idempotent (a second run with no change writes nothing and restarts nothing). */
export async function applyRole(session: SshSession, role: RoleSpec, options: RoleOptions = {}): Promise<RoleResult> {
  const host = session.host.name;
  const manager = options.serviceManager ?? (await detectServiceManager(session));
  session.logger.redactor.addMap(role.secrets);
  const stages: StageResult[] = [];
  const fileChanges: FileChange[] = [];
  const restarted: string[] = [];

  stages.push(await timedStage("packages", host, async () =>
    (await installPackages(session, role.packages ?? [], options.packages)).map((p) => `installed ${p}`)));
  try {
    stages.push(await timedStage("files", host, async () => {
      const specs = roleFiles(role, manager);
      const plans = await planFiles(session, specs, role.secrets);
      // Push one file at a time so a failure part-way still knows what to roll back.
      for (const plan of plans) fileChanges.push(...(await pushFiles(session, specs, [plan], role.secrets)));
      return fileChanges.map((c) => `${c.action === "attributes" ? "set owner/mode of" : c.action === "create" ? "created" : "updated"} ${c.path}`);
    }));
    stages.push(await timedStage("services", host, async () => {
      const changedPaths = fileChanges.filter((c) => c.action !== "attributes").map((c) => c.path);
      const definitionPaths = (role.services ?? []).flatMap((s) => manager.definitionFiles(s).map((f) => f.path));
      if (changedPaths.some((p) => definitionPaths.includes(p))) await manager.reload(session);
      const done: string[] = [];
      for (const plan of await planServices(session, role, manager, changedPaths)) {
        if (plan.enable) { await manager.enable(session, plan.name); done.push(`enabled ${plan.name}`); }
        if (plan.action === "start") { await manager.start(session, plan.name); done.push(`started ${plan.name}`); restarted.push(plan.name); }
        if (plan.action === "restart") { await manager.restart(session, plan.name); done.push(`restarted ${plan.name}`); restarted.push(plan.name); }
      }
      return done;
    }));
    if ((role.healthChecks ?? []).length > 0) {
      stages.push(await timedStage("health", host, async () => { await runHealthChecks(session, role.healthChecks ?? []); return []; }));
    }
  } catch (err) {
    if ((options.rollbackOnFailure ?? true) && fileChanges.length > 0) {
      rollbacks.set(err as object, await rollBack(session, manager, fileChanges, restarted));
    }
    throw err;
  }
  return { role: role.name, host, stages, changed: stages.some((s) => s.changed), fileChanges };
}

async function rollBack(session: SshSession, manager: ServiceManager, changes: readonly FileChange[], restarted: readonly string[]): Promise<RollbackInfo> {
  const log = session.logger.with({ step: "rollback" });
  try {
    const done = await restoreFiles(session, changes);
    await manager.reload(session);
    for (const name of restarted) { await manager.restart(session, name); done.push(`restarted ${name}`); }
    log.warn(`rolled back: ${done.join(", ")}`);
    return { rolledBack: true, changes: done };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`rollback failed: ${message}`);
    return { rolledBack: false, changes: [], error: message };
  }
}

/** A role plan rendered for people (plan output, CI logs); never shows secret values. */
export function describeRolePlan(plan: RolePlan): string[] {
  return [
    ...plan.missingPackages.map((p) => `${plan.host}: install package ${p}`),
    ...plan.files.filter((f) => f.action !== "unchanged").map((f) => `${plan.host}: ${f.action} ${f.path} (${f.mode} ${f.owner}:${f.group})`),
    ...plan.services.filter((s) => s.enable).map((s) => `${plan.host}: enable ${s.name}`),
    ...plan.services.filter((s) => s.action !== "none").map((s) => `${plan.host}: ${s.action} ${s.name}${s.because.length ? ` (changed: ${s.because.join(", ")})` : ""}`),
  ];
}

