// The rollout's DrainHook for compute nodes: before a disruptive change to a host, disable its
// nova-compute service and live-migrate its guests away (drainHost, through the one gated call
// path); after the change, enable the service again. Hosts that run no nova-compute (a controller)
// have nothing to drain and pass through, which the hook reports rather than hides.

import type { HostDefinition } from "../ssh/host";
import type { SshSession } from "../ssh/session";
import type { DrainHook } from "../stages/drain";
import type { RolePlan } from "../stages/role";
import { drainHost, enableHost, isComputeHost, type DrainOptions, type DrainResult } from "./drain";
import type { InstanceOperations } from "./instance-operations";

export type ComputeDrainEvent =
  | { readonly kind: "drained"; readonly host: string; readonly result: DrainResult }
  | { readonly kind: "enabled"; readonly host: string }
  | { readonly kind: "not-a-compute-host"; readonly host: string };

export interface ComputeDrainOptions extends Omit<DrainOptions, "targetHost"> {
  /** nova's name for the host (default: the host definition's name). */
  readonly novaHostOf?: (host: HostDefinition) => string;
  /** Where each host's guests go (default: the scheduler chooses among the enabled hosts). */
  readonly targetHostOf?: (host: HostDefinition) => string | undefined;
  readonly onEvent?: (event: ComputeDrainEvent) => void;
}

export class ComputeDrainHook implements DrainHook {
  /** Hosts this hook disabled, so undrain enables only what drain disabled. */
  private readonly disabled = new Set<string>();

  constructor(
    private readonly ops: InstanceOperations,
    private readonly options: ComputeDrainOptions = {},
  ) {}

  async drain(host: HostDefinition, _session: SshSession, _plans: readonly RolePlan[]): Promise<void> {
    const novaHost = this.novaHost(host);
    if (!(await isComputeHost(this.ops, novaHost))) {
      this.options.onEvent?.({ kind: "not-a-compute-host", host: novaHost });
      return;
    }
    // drainHost gates every guest before it disables anything; once it has disabled the service,
    // undrain must enable it again even if a migration then fails.
    let result: DrainResult;
    try {
      result = await drainHost(this.ops, novaHost, {
        onDisabled: () => this.disabled.add(novaHost),
        reason: this.options.reason ?? `polyvisor rollout: changing ${host.name}`,
        timeoutSeconds: this.options.timeoutSeconds,
        targetHost: this.options.targetHostOf?.(host),
      });
    } catch (err) {
      // A drain that fails half way stops the host's change, and callers do not undrain a host whose
      // drain threw: put the host back into scheduling here (guests already moved stay where they are).
      if (this.disabled.delete(novaHost)) {
        await enableHost(this.ops, novaHost);
        this.options.onEvent?.({ kind: "enabled", host: novaHost });
      }
      throw err;
    }
    this.options.onEvent?.({ kind: "drained", host: novaHost, result });
  }

  async undrain(host: HostDefinition, _session: SshSession): Promise<void> {
    const novaHost = this.novaHost(host);
    if (!this.disabled.delete(novaHost)) return;
    await enableHost(this.ops, novaHost);
    this.options.onEvent?.({ kind: "enabled", host: novaHost });
  }

  private novaHost(host: HostDefinition): string {
    return this.options.novaHostOf?.(host) ?? host.name;
  }
}
