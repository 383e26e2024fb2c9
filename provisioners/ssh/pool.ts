// Connection reuse: one live SSH session per host, reopened when it died.

import { HostDefinition } from "./host";
import { SshOptions, SshSession } from "./session";

export class SshPool {
  private readonly sessions = new Map<string, Promise<SshSession>>();

  constructor(readonly options: SshOptions = {}) {}

  /** The live session to a host, connecting (with retries) if there is none. */
  async get(host: HostDefinition): Promise<SshSession> {
    const key = poolKey(host);
    const existing = this.sessions.get(key);
    if (existing) {
      const session = await existing.catch(() => undefined);
      if (session?.isAlive) return session;
      this.sessions.delete(key);
    }
    const opening = SshSession.open(host, this.options);
    this.sessions.set(key, opening);
    opening.catch(() => this.sessions.delete(key));
    return opening;
  }

  /** Closes and forgets a host's session (the next `get` reconnects). */
  async drop(host: HostDefinition): Promise<void> {
    const key = poolKey(host);
    const existing = this.sessions.get(key);
    this.sessions.delete(key);
    (await existing?.catch(() => undefined))?.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of await Promise.all(all.map((p) => p.catch(() => undefined)))) s?.close();
  }

  get size(): number {
    return this.sessions.size;
  }
}

function poolKey(host: HostDefinition): string {
  return `${host.name}@${host.address}:${host.sshPort ?? 22}`;
}
