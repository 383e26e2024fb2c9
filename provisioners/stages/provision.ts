// From bare metal to a ready host: power on through the BMC and wait for SSH, prepare the OS, then
// apply each role (packages, files, services, health). Every stage reports changed/unchanged.

import { createBmc } from "../bmc/create-bmc";
import { HostDefinition } from "../ssh/host";
import { SshPool } from "../ssh/pool";
import { Logger, silentLogger } from "../ssh/redact";
import { DrainHook } from "./drain";
import { FilePlan } from "./files";
import { OsSpec, planOs, prepareOs } from "./os-prep";
import { PowerOnOptions, powerOnAndWaitForSsh } from "./power";
import { RoleOptions, RolePlan, RoleResult, RoleSpec, applyRole, describeRolePlan, planRole } from "./role";
import { ServiceManager, detectServiceManager } from "./service-manager";
import { StageResult, timedStage } from "./stage-result";

export interface HostPlan {
  /** Power the host on through its BMC (when it has one) and wait for SSH; default true. */
  readonly powerOn?: boolean;
  readonly os?: OsSpec;
  readonly roles?: readonly RoleSpec[];
}

export interface ProvisionContext {
  readonly pool: SshPool;
  readonly logger?: Logger;
  readonly drain?: DrainHook;
  readonly power?: PowerOnOptions;
  readonly roleOptions?: Omit<RoleOptions, "serviceManager">;
  /** Overrides service manager detection. */
  readonly serviceManager?: ServiceManager;
}

export interface HostResult {
  readonly host: string;
  readonly changed: boolean;
  readonly stages: readonly StageResult[];
  readonly roles: readonly RoleResult[];
  /** Whether the drain hook ran. */
  readonly drained: boolean;
  readonly hostKeyFingerprint: string;
  readonly durationMs: number;
}

export async function provisionHost(host: HostDefinition, plan: HostPlan, ctx: ProvisionContext): Promise<HostResult> {
  const started = Date.now();
  const logger = (ctx.logger ?? ctx.pool.options.logger ?? silentLogger()).with({ host: host.name });
  const bmc = host.bmc && (plan.powerOn ?? true) ? createBmc(host.name, host.bmc, logger) : undefined;
  const stages: StageResult[] = [];
  let session = undefined as Awaited<ReturnType<typeof powerOnAndWaitForSsh>>["session"] | undefined;
  stages.push(await timedStage(bmc ? "power" : "connect", host.name, async () => {
    const r = await powerOnAndWaitForSsh(host, bmc, ctx.pool, ctx.power);
    session = r.session;
    return r.changes;
  }));
  const s = session!;
  if (plan.os) stages.push(await timedStage("os", host.name, () => prepareOs(s, plan.os!)));

  const roles = plan.roles ?? [];
  const serviceManager = ctx.serviceManager ?? (roles.length > 0 ? await detectServiceManager(s) : undefined);
  const roleOptions: RoleOptions = { ...ctx.roleOptions, serviceManager };
  let drained = false;
  if (ctx.drain && roles.length > 0) {
    const plans = [];
    for (const role of roles) plans.push(await planRole(s, role, roleOptions));
    if (plans.some((p) => p.disruptive)) {
      logger.info("draining before a disruptive change");
      await ctx.drain.drain(host, s, plans);
      drained = true;
    }
  }
  const results: RoleResult[] = [];
  try {
    for (const role of roles) {
      const r = await applyRole(s, role, roleOptions);
      results.push(r);
      stages.push(...r.stages.map((st) => ({ ...st, stage: `${role.name}:${st.stage}` })));
    }
  } finally {
    if (drained) await ctx.drain!.undrain(host, s);
  }
  return {
    host: host.name, changed: stages.some((st) => st.changed), stages, roles: results, drained,
    hostKeyFingerprint: s.hostKeyFingerprint, durationMs: Date.now() - started,
  };
}

export interface HostChangePlan {
  readonly host: string;
  readonly os: readonly FilePlan[];
  readonly roles: readonly RolePlan[];
  readonly changed: boolean;
}

/** What provisionHost would change on a reachable host, without changing anything (Terraform plan, drift). */
export async function planHost(host: HostDefinition, plan: HostPlan, ctx: ProvisionContext): Promise<HostChangePlan> {
  const session = await ctx.pool.get(host);
  const os = plan.os ? await planOs(session, plan.os) : [];
  const serviceManager = ctx.serviceManager ?? ((plan.roles ?? []).length > 0 ? await detectServiceManager(session) : undefined);
  const roles: RolePlan[] = [];
  for (const role of plan.roles ?? []) roles.push(await planRole(session, role, { ...ctx.roleOptions, serviceManager }));
  return { host: host.name, os, roles, changed: os.some((f) => f.action !== "unchanged") || roles.some((r) => r.changed) };
}

/** One line per change, for plan output; never shows secret values. */
export function describeHostPlan(plan: HostChangePlan): string[] {
  return [
    ...plan.os.filter((f) => f.action !== "unchanged").map((f) => `${plan.host}: ${f.action} ${f.path} (${f.mode} ${f.owner}:${f.group})`),
    ...plan.roles.flatMap(describeRolePlan),
  ];
}
