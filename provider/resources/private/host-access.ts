// How the host handlers reach hosts: one SSH pool per provider process (a role's read after its
// host's read reuses the connection), a logger that writes to terraform's log through the shared
// redactor, and the provisioners loaded on first use so that the plugin's start-up (paid several
// times per terraform command) stays short.
import type * as Provisioners from "../../../provisioners";
import { ProviderContext } from "../handler";

export type ProvisionerApi = typeof Provisioners;

export interface HostAccess {
  readonly api: ProvisionerApi;
  readonly pool: Provisioners.SshPool;
  readonly logger: Provisioners.Logger;
  /** Bounds the hosts worked on at once to the provider's `parallelism` (default 8). */
  readonly slots: Provisioners.Semaphore;
}

const DEFAULT_PARALLELISM = 8;

let access: HostAccess | undefined;

/** terraform reads plugin log lines that start with a level in brackets. */
const LEVELS = { debug: "DEBUG", info: "INFO", warn: "WARN", error: "ERROR" } as const;

export async function hostAccess(ctx: ProviderContext): Promise<HostAccess> {
  if (access) return access;
  const api = await import("../../../provisioners");
  const logger = new api.Logger({
    write: (r) => ctx.log(`[${LEVELS[r.level]}] polyvisor${r.host ? ` ${r.host}` : ""}${r.step ? ` ${r.step}` : ""}: ${r.message}`),
  });
  const config = ctx.config ?? {};
  const timeout = typeof config.ssh_connect_timeout_seconds === "number" ? config.ssh_connect_timeout_seconds * 1000 : undefined;
  const knownHosts = typeof config.known_hosts_path === "string" ? config.known_hosts_path : undefined;
  const pool = new api.SshPool({ connectTimeoutMs: timeout, knownHostsPath: knownHosts, logger });
  const parallelism = typeof config.parallelism === "number" ? Math.max(1, Math.floor(config.parallelism)) : DEFAULT_PARALLELISM;
  access = { api, pool, logger, slots: new api.Semaphore(parallelism) };
  return access;
}

/** Marks values as secret for every later log line and provisioner error of this process. */
export function registerSecrets(a: HostAccess, ...values: ReadonlyArray<string | null | undefined>): void {
  a.logger.redactor.add(...values.filter((v): v is string => typeof v === "string"));
}

/** Runs one handler call on a host within the provider's parallelism. */
export async function onHostSlot<T>(ctx: ProviderContext, body: (a: HostAccess) => Promise<T>): Promise<T> {
  const a = await hostAccess(ctx);
  return a.slots.run(() => body(a));
}
