// OS preparation of a polyvisor_host in the provisioners' terms, and its undo. prepareOs only
// writes what a spec sets, so a setting removed from the configuration (or the whole host on
// destroy) is undone here: polyvisor's own files are removed, its /etc/hosts block is taken out.
// The hostname is left as it is on destroy (the machine keeps its name), and kernel parameters
// keep their running values until the next boot (only the file that sets them at boot goes).
import type { OsSpec } from "../../../provisioners/stages/os-prep";
import type { SshSession } from "../../../provisioners/ssh/session";
import { ObjectValue } from "../../values";
import { ProvisionerApi } from "./host-access";

const stringMap = (v: unknown): Record<string, string> | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The OS spec a polyvisor_host object asks for. */
export function osSpecOf(host: ObjectValue): OsSpec {
  const mirror = str(host.apt_mirror);
  const proxy = str(host.apt_proxy);
  return {
    hostname: host.name as string,
    extraHosts: stringMap(host.extra_hosts),
    apt: mirror !== undefined || proxy !== undefined ? { mirror, proxy } : undefined,
    sysctl: stringMap(host.sysctl),
  };
}

/** Which polyvisor-owned file each optional setting writes (read from the provisioners' table). */
function settingFiles(api: ProvisionerApi): ReadonlyArray<readonly [string, string]> {
  return [
    ["apt_mirror", api.OS_FILES.aptSources],
    ["apt_proxy", api.OS_FILES.aptProxy],
    ["sysctl", api.OS_FILES.sysctl],
  ];
}

/**
 * Undoes settings present in `before` and absent from `after` (after = null: every setting).
 * Returns what it did, for the log.
 */
export async function undoOsSettings(api: ProvisionerApi, session: SshSession, before: ObjectValue, after: ObjectValue | null): Promise<string[]> {
  const dropped = (name: string) => before[name] !== null && before[name] !== undefined && (after === null || after[name] === null || after[name] === undefined);
  const done: string[] = [];
  const remove = settingFiles(api).filter(([name]) => dropped(name)).map(([, path]) => path);
  if (remove.length > 0) {
    const paths = remove.flatMap((p) => [p, `${p}.polyvisor-prev`]).map(api.quote).join(" ");
    await session.run(`rm -f ${paths}`, { step: "os:undo" });
    done.push(...remove.map((p) => `removed ${p}`));
  }
  if (dropped("extra_hosts")) {
    done.push(...(await api.prepareOs(session, { extraHosts: {} })));
    await session.run(`rm -f ${api.quote(`${api.OS_FILES.hosts}.polyvisor-prev`)}`, { step: "os:undo" });
  }
  return done;
}
