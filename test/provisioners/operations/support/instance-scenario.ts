// The instance-operation scenario of issue 6 as data, runnable against any cloud: the recording
// fake here (scenario.test.ts) and, unchanged, the real Zed cloud in the end-to-end test (pass a
// real OpenStackCloud). Every step goes through InstanceOperations, the one call path.

import { OpenStackApiError, type OpenStackCloud } from "../../../../provisioners/openstack";
import type { InstanceOperations, OperationName, OperationOptions, OperationResult } from "../../../../provisioners/operations";

export interface ScenarioStep {
  readonly op: OperationName;
  readonly options?: (ctx: ScenarioContext) => OperationOptions;
  /** Status the server must end in (DELETED for terminate). */
  readonly expectStatus: string;
  /** Steps that need something the cloud may not have (a second host, a volume backend). */
  readonly needs?: "second-host" | "volumes" | "guest-agent";
}

export interface ScenarioContext {
  readonly serverName: string;
  readonly image: string;
  readonly flavor: string;
  readonly biggerFlavor: string;
  readonly networks?: readonly string[];
  readonly otherHost?: string;
  readonly volumeA?: string;
  readonly volumeB?: string;
  readonly adminPass?: string;
}

/** Every operation libvirt QEMU supports, in an order where each one's precondition holds. */
export const QEMU_SCENARIO: readonly ScenarioStep[] = [
  { op: "launch", options: (c) => ({ image: c.image, flavor: c.flavor, networks: c.networks }), expectStatus: "ACTIVE" },
  { op: "console-log", options: () => ({ lines: 20 }), expectStatus: "ACTIVE" },
  { op: "reboot", expectStatus: "ACTIVE" },
  { op: "reboot", options: () => ({ hard: true }), expectStatus: "ACTIVE" },
  { op: "stop", expectStatus: "SHUTOFF" },
  { op: "start", expectStatus: "ACTIVE" },
  { op: "pause", expectStatus: "PAUSED" },
  { op: "unpause", expectStatus: "ACTIVE" },
  { op: "suspend", expectStatus: "SUSPENDED" },
  { op: "resume", expectStatus: "ACTIVE" },
  { op: "snapshot", options: (c) => ({ imageName: `${c.serverName}-snap` }), expectStatus: "ACTIVE" },
  { op: "rescue", expectStatus: "RESCUE" },
  { op: "unrescue", expectStatus: "ACTIVE" },
  { op: "resize", options: (c) => ({ flavor: c.biggerFlavor, then: "revert" }), expectStatus: "ACTIVE" },
  { op: "resize", options: (c) => ({ flavor: c.biggerFlavor, then: "confirm" }), expectStatus: "ACTIVE" },
  { op: "live-migrate", options: (c) => ({ host: c.otherHost }), expectStatus: "ACTIVE", needs: "second-host" },
  { op: "live-migrate", expectStatus: "ACTIVE", needs: "second-host" },
  { op: "attach-volume", options: (c) => ({ volume: c.volumeA }), expectStatus: "ACTIVE", needs: "volumes" },
  { op: "swap-volume", options: (c) => ({ volume: c.volumeA, newVolume: c.volumeB }), expectStatus: "ACTIVE", needs: "volumes" },
  { op: "detach-volume", options: (c) => ({ volume: c.volumeB }), expectStatus: "ACTIVE", needs: "volumes" },
  { op: "set-admin-password", options: (c) => ({ adminPass: c.adminPass }), expectStatus: "ACTIVE", needs: "guest-agent" },
  { op: "terminate", expectStatus: "DELETED" },
];

export interface StepOutcome {
  readonly step: ScenarioStep;
  readonly result?: OperationResult;
  readonly skippedBecause?: string;
}

/** Runs the steps in order; steps whose needs the context cannot meet are reported, not hidden. */
export async function runScenario(ops: InstanceOperations, steps: readonly ScenarioStep[], ctx: ScenarioContext): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  let target = ctx.serverName;
  for (const step of steps) {
    const missing = unmet(step, ctx);
    if (missing) {
      outcomes.push({ step, skippedBecause: missing });
      continue;
    }
    const result = await ops.run(step.op, target, step.options?.(ctx) ?? {});
    if (step.op === "launch") target = result.server.id;
    outcomes.push({ step, result });
  }
  return outcomes;
}

function unmet(step: ScenarioStep, ctx: ScenarioContext): string | undefined {
  if (step.needs === "second-host" && !ctx.otherHost) return "the cloud has one compute host of this driver";
  if (step.needs === "volumes" && !(ctx.volumeA && ctx.volumeB)) return "no attachable volume backend";
  if (step.needs === "guest-agent" && !ctx.adminPass) return "the image has no guest agent";
  return undefined;
}

/**
 * What nova itself answers when asked directly (no polyvisor gate), for the record the issue asks
 * for: on LXC, suspend/rescue/snapshot/live-migrate through the raw API.
 */
export async function askNovaDirectly(cloud: OpenStackCloud, serverId: string, body: { readonly [action: string]: unknown }) {
  try {
    const answer = await cloud.servers.action(serverId, body);
    return { accepted: true as const, answer };
  } catch (err) {
    if (err instanceof OpenStackApiError) return { accepted: false as const, status: err.status, message: err.serviceMessage };
    throw err;
  }
}
