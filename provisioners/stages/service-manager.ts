// Service control behind one interface: systemd where it runs (nspawn and real hosts), a pid-file
// supervisor where it does not (lightweight hosts). Callers never branch on which one.

import { PolyvisorError } from "../errors";
import { SshSession } from "../ssh/session";
import { quote } from "../ssh/shell";
import { FileSpec } from "./files";
import { SUPERVISOR_PATH, SUPERVISOR_SCRIPT, SUPERVISOR_SERVICE_DIR } from "./private/supervisor-script";

export interface ServiceSpec {
  /** Service name (systemd unit name without `.service`). */
  readonly name: string;
  /**
   * Command that runs the service in the foreground, for services no package provides: becomes a
   * unit file under systemd or a command file for the supervisor. Omit for packaged services.
   */
  readonly command?: string;
  /** Paths of the managed files this service reads; default: every file of its role. */
  readonly inputs?: readonly string[];
}

export interface ServiceStatus {
  readonly active: boolean;
  readonly enabled: boolean;
  /** Main process id while active. */
  readonly pid?: number;
}

export interface ServiceManager {
  readonly kind: "systemd" | "supervisor";
  /** Files that define a service (unit or command file) plus the manager's own files; pushed like config. */
  definitionFiles(service: ServiceSpec): FileSpec[];
  /** Runs after definition files changed (systemd: daemon-reload). */
  reload(session: SshSession): Promise<void>;
  status(session: SshSession, name: string): Promise<ServiceStatus>;
  enable(session: SshSession, name: string): Promise<void>;
  start(session: SshSession, name: string): Promise<void>;
  restart(session: SshSession, name: string): Promise<void>;
  stop(session: SshSession, name: string): Promise<void>;
}

const step = (name: string) => `services:${name}`;
/** The systemd unit of a service name: `name.service`, or the name itself when it is a unit (`libvirtd-tcp.socket`). */
const unitOf = (name: string) => (/\.(service|socket|timer|path|target|mount)$/.test(name) ? name : `${name}.service`);

export const systemdManager: ServiceManager = {
  kind: "systemd",
  definitionFiles: (s) => s.command === undefined ? [] : [{
    path: `/etc/systemd/system/${s.name}.service`,
    content: `# Managed by polyvisor.\n[Unit]\nDescription=${s.name} (polyvisor)\nAfter=network.target\n\n[Service]\nExecStart=${s.command}\nRestart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n`,
  }],
  reload: async (session) => { await session.run("systemctl daemon-reload", { step: "services:daemon-reload" }); },
  status: async (session, name) => {
    const out = (await session.run(`systemctl show -p ActiveState -p UnitFileState -p MainPID ${quote(unitOf(name))}`, { step: step(name) })).stdout;
    const props = Object.fromEntries(out.split("\n").filter(Boolean).map((l) => l.split("=", 2) as [string, string]));
    const pid = Number(props.MainPID);
    return { active: props.ActiveState === "active", enabled: props.UnitFileState === "enabled", pid: pid > 0 ? pid : undefined };
  },
  enable: async (session, name) => { await session.run(`systemctl enable ${quote(name)} 2>&1`, { step: step(name) }); },
  start: async (session, name) => { await session.run(`systemctl start ${quote(name)}`, { step: step(name) }); },
  restart: async (session, name) => { await session.run(`systemctl restart ${quote(name)}`, { step: step(name) }); },
  stop: async (session, name) => { await session.run(`systemctl stop ${quote(name)}`, { step: step(name) }); },
};

const supervisor = (action: string, name: string) => `${SUPERVISOR_PATH} ${action} ${quote(name)}`;

export const supervisorManager: ServiceManager = {
  kind: "supervisor",
  definitionFiles: (s) => {
    const script: FileSpec = { path: SUPERVISOR_PATH, content: SUPERVISOR_SCRIPT, mode: "0755" };
    if (s.command === undefined) return [script];
    return [script, { path: `${SUPERVISOR_SERVICE_DIR}/${s.name}.cmd`, content: `# Managed by polyvisor.\nexec ${s.command}\n` }];
  },
  reload: async () => undefined,
  status: async (session, name) => {
    // Before the first apply the supervisor itself is not installed yet: nothing runs.
    const probe = `if [ -x ${SUPERVISOR_PATH} ]; then ${supervisor("status", name)}; ${supervisor("is-enabled", name)}; else echo inactive; echo disabled; fi`;
    const out = (await session.run(probe, { step: step(name) })).stdout.split("\n");
    const m = /^active (\d+)/.exec(out[0] ?? "");
    return { active: m !== null, enabled: out[1] === "enabled", pid: m ? Number(m[1]) : undefined };
  },
  enable: async (session, name) => { await session.run(supervisor("enable", name), { step: step(name) }); },
  start: async (session, name) => { await session.run(supervisor("start", name), { step: step(name) }); },
  restart: async (session, name) => { await session.run(supervisor("restart", name), { step: step(name) }); },
  stop: async (session, name) => { await session.run(supervisor("stop", name), { step: step(name) }); },
};

/** systemd when it is PID 1 on the host (/run/systemd/system exists), the supervisor otherwise. */
export async function detectServiceManager(session: SshSession): Promise<ServiceManager> {
  const out = (await session.run("if [ -d /run/systemd/system ]; then echo systemd; else echo supervisor; fi", { step: "services:detect" })).stdout.trim();
  const managers: { readonly [kind: string]: ServiceManager } = { systemd: systemdManager, supervisor: supervisorManager };
  const manager = managers[out];
  if (!manager) throw new PolyvisorError("ServiceManagerUnknown", "cannot tell how services run on the host", { where: `${session.host.name}:services:detect`, value: out });
  return manager;
}
