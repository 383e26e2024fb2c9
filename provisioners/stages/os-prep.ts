// OS preparation: hostname, /etc/hosts entries, apt sources and proxy, time sync and kernel
// parameters — each a managed file plus, when it changed or the running value drifted, the command
// that makes it take effect.

import { PolyvisorError } from "../errors";
import { SshSession } from "../ssh/session";
import { command, quote } from "../ssh/shell";
import { FilePlan, FileSpec, planFiles, pushFiles } from "./files";

export interface AptSettings {
  /** Mirror URI, e.g. what the machine's own /etc/apt/sources.list.d/*.sources lists (see localAptMirrors). */
  readonly mirror?: string;
  /** Suites (default: the host's VERSION_CODENAME and its -updates). */
  readonly suites?: readonly string[];
  readonly components?: readonly string[];
  /** HTTP proxy apt uses, e.g. http://10.213.0.1:8888. */
  readonly proxy?: string;
}

export interface OsSpec {
  readonly hostname?: string;
  /** Extra /etc/hosts entries: name -> address (kept in a block polyvisor owns). */
  readonly extraHosts?: { readonly [name: string]: string };
  readonly apt?: AptSettings;
  /** NTP servers for systemd-timesyncd. */
  readonly timeServers?: readonly string[];
  /** Kernel parameters. */
  readonly sysctl?: { readonly [key: string]: string | number };
}

export const OS_FILES = {
  hostname: "/etc/hostname",
  hosts: "/etc/hosts",
  aptSources: "/etc/apt/sources.list.d/polyvisor.sources",
  aptProxy: "/etc/apt/apt.conf.d/90polyvisor-proxy",
  timesync: "/etc/systemd/timesyncd.conf.d/polyvisor.conf",
  sysctl: "/etc/sysctl.d/90-polyvisor.conf",
} as const;

const BLOCK_BEGIN = "# BEGIN polyvisor managed hosts";
const BLOCK_END = "# END polyvisor managed hosts";
const HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const SYSCTL_KEY = /^[a-z0-9_]+(\.[a-zA-Z0-9_-]+)+$/;

interface HostFacts { readonly hosts: string; readonly hostname: string; readonly codename: string; readonly systemd: boolean }

/** /etc/hosts with polyvisor's block replaced (or appended); other lines stay as they are. */
export function renderHostsFile(current: string, entries: { readonly [name: string]: string }): string {
  const lines = current.split("\n");
  const begin = lines.indexOf(BLOCK_BEGIN);
  const end = lines.indexOf(BLOCK_END);
  const kept = begin >= 0 && end > begin ? [...lines.slice(0, begin), ...lines.slice(end + 1)] : lines;
  while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
  const names = Object.keys(entries).sort();
  if (names.length === 0) return `${kept.join("\n")}\n`;
  const block = [BLOCK_BEGIN, ...names.map((n) => `${entries[n]}\t${n}`), BLOCK_END];
  return `${[...kept, ...block].join("\n")}\n`;
}

export function renderAptSources(apt: AptSettings, codename: string): string {
  const suites = apt.suites ?? [codename, `${codename}-updates`];
  return `# Managed by polyvisor.\nTypes: deb\nURIs: ${apt.mirror}\nSuites: ${suites.join(" ")}\nComponents: ${(apt.components ?? ["main"]).join(" ")}\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`;
}

export function renderSysctl(params: { readonly [key: string]: string | number }, where: string): string {
  const keys = Object.keys(params).sort();
  for (const k of keys) {
    if (!SYSCTL_KEY.test(k)) throw new PolyvisorError("SysctlKeyInvalid", "not a kernel parameter name", { where, value: k, allowed: "dotted names like net.ipv4.ip_forward" });
  }
  return `# Managed by polyvisor.\n${keys.map((k) => `${k} = ${params[k]}`).join("\n")}\n`;
}

/** The files an OS spec manages, given what the host looks like now. */
export function osFiles(spec: OsSpec, facts: HostFacts, host: string): FileSpec[] {
  const files: FileSpec[] = [];
  if (spec.hostname !== undefined) {
    if (!HOSTNAME.test(spec.hostname)) throw new PolyvisorError("HostnameInvalid", "not a valid hostname", { where: `${host}:os:hostname`, value: spec.hostname, allowed: "letters, digits and hyphens, dot-separated" });
    files.push({ path: OS_FILES.hostname, content: `${spec.hostname}\n` });
  }
  if (spec.extraHosts !== undefined) files.push({ path: OS_FILES.hosts, content: renderHostsFile(facts.hosts, spec.extraHosts) });
  if (spec.apt?.mirror !== undefined) files.push({ path: OS_FILES.aptSources, content: renderAptSources(spec.apt, facts.codename) });
  if (spec.apt?.proxy !== undefined) files.push({ path: OS_FILES.aptProxy, content: `// Managed by polyvisor.\nAcquire::http::Proxy "${spec.apt.proxy}";\n` });
  if (spec.timeServers !== undefined) files.push({ path: OS_FILES.timesync, content: `# Managed by polyvisor.\n[Time]\nNTP=${spec.timeServers.join(" ")}\n` });
  if (spec.sysctl !== undefined) files.push({ path: OS_FILES.sysctl, content: renderSysctl(spec.sysctl, `${host}:os:sysctl`) });
  return files;
}

async function hostFacts(session: SshSession): Promise<HostFacts> {
  const out = (await session.run(`cat /etc/hosts; echo '@@'; hostname; . /etc/os-release; echo "$VERSION_CODENAME"; [ -d /run/systemd/system ] && echo systemd || echo none`, { step: "os:facts" })).stdout;
  const [hosts, rest] = out.split("@@\n");
  const [hostname, codename, init] = rest.split("\n");
  return { hosts, hostname, codename, systemd: init === "systemd" };
}

/** What prepareOs would write (no change on the host). */
export async function planOs(session: SshSession, spec: OsSpec): Promise<FilePlan[]> {
  return planFiles(session, osFiles(spec, await hostFacts(session), session.host.name));
}

/** Applies the OS spec; returns the changes made (empty when the host already matches). */
export async function prepareOs(session: SshSession, spec: OsSpec): Promise<string[]> {
  const host = session.host.name;
  const facts = await hostFacts(session);
  const files = osFiles(spec, facts, host);
  const plans = await planFiles(session, files);
  const changed = new Set((await pushFiles(session, files, plans)).map((c) => c.path));
  const done = [...changed].map((p) => `wrote ${p}`);
  if (spec.hostname !== undefined && facts.hostname !== spec.hostname) {
    await session.run(command("hostname", spec.hostname), { step: "os:hostname" });
    done.push(`set hostname ${spec.hostname}`);
  }
  if (spec.sysctl !== undefined) {
    const keys = Object.keys(spec.sysctl).sort();
    const live = (await session.run(keys.map((k) => `sysctl -n ${quote(k)} 2>/dev/null || echo '?'`).join("; "), { step: "os:sysctl" })).stdout.split("\n");
    const drifted = keys.filter((k, i) => normalize(live[i]) !== normalize(String(spec.sysctl![k])));
    if (drifted.length > 0) {
      const r = await session.exec(`sysctl -p ${OS_FILES.sysctl}`, { step: "os:sysctl" });
      if (r.code !== 0) {
        throw new PolyvisorError("SysctlFailed", "the kernel refused some parameters", {
          where: `${host}:os:sysctl`, value: r.stderr.trim(), fix: "check the names exist on this kernel and are writable in the host's namespace",
        });
      }
      done.push(`set ${drifted.join(", ")}`);
    }
  }
  if (changed.has(OS_FILES.timesync) && facts.systemd) {
    await session.run("systemctl try-restart systemd-timesyncd 2>/dev/null || true", { step: "os:time-sync" });
    done.push("restarted systemd-timesyncd");
  }
  return done;
}

function normalize(value: string | undefined): string {
  return (value ?? "").trim().split(/\s+/).join(" ");
}
