// The hook run before a disruptive change to a host (a service restart, package installation) and
// after it. For compute nodes it will disable nova-compute and live-migrate guests away; polyvisor
// only defines the contract here.

import { HostDefinition } from "../ssh/host";
import { SshSession } from "../ssh/session";
import { RolePlan } from "./role";

export interface DrainHook {
  /** Called once before the first disruptive change; throwing stops the host's apply before any change. */
  drain(host: HostDefinition, session: SshSession, plans: readonly RolePlan[]): Promise<void>;
  /** Called after the host's apply (also after a failure or rollback) when drain ran. */
  undrain(host: HostDefinition, session: SshSession): Promise<void>;
}
