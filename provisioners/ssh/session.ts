// One SSH connection to one host: connects with the pinned host key, runs commands with a timeout,
// and turns every failure into a PolyvisorError that names the host and the step.

import { NodeSSH } from "node-ssh";
import { Readable } from "node:stream";
import { PolyvisorError } from "../errors";
import { DEFAULT_SSH_PORT, DEFAULT_SSH_USER, HostDefinition, describeHost } from "./host";
import { PublicKey, fingerprint, keyLine, lookupKnownHost, parsePublicKey, recordKnownHost } from "./host-key";
import { Logger, silentLogger } from "./redact";
import { RetryPolicy, isTransient, withRetry } from "./retry";

export interface SshOptions {
  /** TCP connect + SSH handshake timeout in ms (default 15000). */
  readonly connectTimeoutMs?: number;
  /** Default timeout of one command in ms (default 600000). */
  readonly commandTimeoutMs?: number;
  /** Retries of the connect on transient failures. */
  readonly retry?: RetryPolicy;
  /** known_hosts file where trust-on-first-use keys are recorded and looked up. */
  readonly knownHostsPath?: string;
  readonly logger?: Logger;
}

export interface ExecOptions {
  /** What polyvisor was doing; errors and logs name it (e.g. `packages`, `files:/etc/nova/nova.conf`). */
  readonly step: string;
  /** Bytes fed to the command's stdin (content travels here, never on the command line). */
  readonly stdin?: string | Buffer;
  readonly timeoutMs?: number;
}

export interface CommandResult {
  /** Exit status. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Ssh2Channel extends NodeJS.EventEmitter {
  stderr: NodeJS.EventEmitter;
  write(data: Buffer | string): boolean;
  end(): void;
  close(): void;
  signal?(name: string): void;
}
interface Ssh2Client extends NodeJS.EventEmitter {
  exec(command: string, cb: (err: Error | undefined, channel: Ssh2Channel) => void): void;
  end(): void;
  destroy?(): void;
}

export class SshSession {
  private alive = true;

  private constructor(
    readonly host: HostDefinition,
    private readonly ssh: NodeSSH,
    /** The host key the server presented. */
    readonly hostKey: PublicKey,
    private readonly options: SshOptions,
    readonly logger: Logger,
  ) {
    const client = ssh.connection as unknown as Ssh2Client;
    client.setMaxListeners(200);
    // Without a listener a late socket error would crash the process; mark the session dead instead.
    client.on("error", (err: Error) => { this.alive = false; logger.debug(`connection error: ${err.message}`); });
    client.on("close", () => { this.alive = false; });
    client.on("end", () => { this.alive = false; });
  }

  /** SHA256 fingerprint of the host key seen. */
  get hostKeyFingerprint(): string {
    return fingerprint(this.hostKey.blob);
  }

  get isAlive(): boolean {
    return this.alive && this.ssh.isConnected();
  }

  /** Connects, retrying transient failures with backoff. */
  static async open(host: HostDefinition, options: SshOptions = {}): Promise<SshSession> {
    const logger = (options.logger ?? silentLogger()).with({ host: host.name });
    logger.redactor.add(host.sshPrivateKey);
    return withRetry(
      async (attempt) => {
        if (attempt > 1) logger.debug(`ssh connect attempt ${attempt}`);
        return SshSession.connectOnce(host, options, logger);
      },
      options.retry,
      isTransient,
    ).catch((err: unknown) => {
      throw toConnectError(host, err);
    });
  }

  private static async connectOnce(host: HostDefinition, options: SshOptions, logger: Logger): Promise<SshSession> {
    const port = host.sshPort ?? DEFAULT_SSH_PORT;
    const pinned = pinnedKey(host, options);
    let seen: Buffer | undefined;
    const ssh = new NodeSSH();
    try {
      await ssh.connect({
        host: host.address,
        port,
        username: host.sshUser ?? DEFAULT_SSH_USER,
        ...(host.sshPrivateKey !== undefined ? { privateKey: host.sshPrivateKey } : { privateKeyPath: host.sshPrivateKeyPath }),
        readyTimeout: options.connectTimeoutMs ?? 15000,
        keepaliveInterval: 5000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          seen = Buffer.from(key);
          return pinned ? pinned.blob.equals(seen) : host.sshTrustOnFirstUse === true;
        },
      } as Parameters<NodeSSH["connect"]>[0]);
    } catch (err) {
      ssh.dispose();
      if (seen && pinned && !pinned.blob.equals(seen)) throw hostKeyMismatch(host, pinned, seen);
      if (seen && !pinned) throw hostKeyUnknown(host, seen);
      throw err;
    }
    if (!seen) throw new Error("ssh handshake finished without a host key");
    if (!pinned) {
      logger.warn(`trust on first use: accepted host key ${fingerprint(seen)}`);
      if (options.knownHostsPath) recordKnownHost(options.knownHostsPath, host.address, port, seen);
    }
    return new SshSession(host, ssh, { algorithm: keyLine(seen).split(" ")[0], blob: seen }, options, logger);
  }

  /** Runs a command; a non-zero exit is returned, not thrown. */
  async exec(commandLine: string, options: ExecOptions): Promise<CommandResult> {
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs ?? 600_000;
    const where = `${this.host.name}:${options.step}`;
    if (!this.isAlive) throw connectionLost(this.host, options.step, "the connection was already closed");
    const client = this.ssh.connection as unknown as Ssh2Client;
    return new Promise<CommandResult>((resolve, reject) => {
      let channel: Ssh2Channel | undefined;
      let code: number | null = null;
      let settled = false;
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      const finish = (fn: () => void) => { if (!settled) { settled = true; clearTimeout(timer); client.removeListener("close", onClose); fn(); } };
      const onClose = () => finish(() => reject(connectionLost(this.host, options.step, "the connection closed while the command ran")));
      const timer = setTimeout(() => finish(() => {
        channel?.signal?.("KILL");
        channel?.close();
        reject(new PolyvisorError("CommandTimeout", `command did not finish within ${timeoutMs} ms`, {
          where, value: this.logger.redactor.redact(firstLine(commandLine)),
          fix: "check the host (load, a hung package manager) or raise the step's timeout",
        }));
      }), timeoutMs);
      client.once("close", onClose);
      const onExec = (err: Error | undefined, ch: Ssh2Channel) => {
        if (err) return finish(() => reject(isTransient(err) || /not connected|no response/i.test(err.message)
          ? connectionLost(this.host, options.step, err.message) : err));
        channel = ch;
        ch.on("data", (d: Buffer) => stdout.push(d));
        ch.stderr.on("data", (d: Buffer) => stderr.push(d));
        ch.on("exit", (c: number | null) => { code = c; });
        ch.on("error", (e: Error) => this.logger.debug(`channel error in ${options.step}: ${e.message}`));
        ch.on("close", () => finish(() => {
          if (code === null) return reject(connectionLost(this.host, options.step, "the command ended without an exit status"));
          resolve({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
        }));
        if (options.stdin !== undefined) Readable.from([Buffer.from(options.stdin)]).pipe(ch as unknown as NodeJS.WritableStream);
        else ch.end();
      };
      try {
        client.exec(commandLine, onExec);
      } catch (err) {
        finish(() => reject(connectionLost(this.host, options.step, (err as Error).message)));
      }
    });
  }

  /** Runs a command and throws CommandFailed (host, step, exit status, stderr) unless it exits 0. */
  async run(commandLine: string, options: ExecOptions): Promise<CommandResult> {
    const result = await this.exec(commandLine, options);
    if (result.code !== 0) {
      throw new PolyvisorError("CommandFailed", `command exited with status ${result.code}`, {
        where: `${this.host.name}:${options.step}`,
        value: this.logger.redactor.redact(lastLines(result.stderr || result.stdout, 6)),
        fix: "see the command's output above; fix the host or the definition and apply again",
      });
    }
    return result;
  }

  close(): void {
    this.alive = false;
    this.ssh.dispose();
  }

  /** Drops the TCP connection without a goodbye (what a dying network does); for fault tests. */
  destroyTransport(): void {
    this.alive = false;
    const client = this.ssh.connection as unknown as Ssh2Client | null;
    client?.destroy?.();
  }
}

function pinnedKey(host: HostDefinition, options: SshOptions): PublicKey | undefined {
  if (host.sshHostKey) return parsePublicKey(host.sshHostKey, `${host.name}.ssh_host_key`);
  if (options.knownHostsPath) return lookupKnownHost(options.knownHostsPath, host.address, host.sshPort ?? DEFAULT_SSH_PORT);
  return undefined;
}

function hostKeyMismatch(host: HostDefinition, expected: PublicKey, seen: Buffer): PolyvisorError {
  return new PolyvisorError("HostKeyMismatch",
    `refused to connect to ${describeHost(host)}: its host key ${fingerprint(seen)} is not the pinned key ${fingerprint(expected.blob)}`,
    {
      where: `${host.name}:ssh-connect`,
      fix: "if the host was reinstalled on purpose, update ssh_host_key from its /etc/ssh/ssh_host_ed25519_key.pub; otherwise treat this as a possible attack",
    });
}

function hostKeyUnknown(host: HostDefinition, seen: Buffer): PolyvisorError {
  return new PolyvisorError("HostKeyUnknown",
    `refused to connect to ${describeHost(host)}: no host key is pinned and trust on first use is off (seen ${fingerprint(seen)})`,
    {
      where: `${host.name}:ssh-connect`,
      fix: "set ssh_host_key to the host's public key line, or set ssh_trust_on_first_use = true to record it on first connect",
    });
}

function connectionLost(host: HostDefinition, step: string, why: string): PolyvisorError {
  return new PolyvisorError("SshConnectionLost", `the SSH connection to ${describeHost(host)} was lost: ${why}`, {
    where: `${host.name}:${step}`,
    fix: "check that the host is powered on and reachable, then apply again (every step is idempotent)",
  });
}

/** Maps a connect failure to a typed error. */
function toConnectError(host: HostDefinition, err: unknown): Error {
  if (err instanceof PolyvisorError) return err;
  const e = err as Error & { level?: string; code?: string };
  const where = `${host.name}:ssh-connect`;
  if (e.level === "client-authentication" || /authentication methods failed/i.test(e.message)) {
    return new PolyvisorError("SshAuthFailed", `${describeHost(host)} refused the SSH key for user ${host.sshUser ?? DEFAULT_SSH_USER}`, {
      where, fix: "check ssh_private_key / ssh_private_key_path and ssh_user; the host's authorized_keys must hold the matching public key",
    });
  }
  if (/privateKeyPath does not exist|Cannot parse privateKey|privateKey/i.test(e.message)) {
    return new PolyvisorError("SshKeyInvalid", `the SSH private key for ${host.name} cannot be used: ${e.message}`, {
      where, value: host.sshPrivateKeyPath, fix: "point ssh_private_key_path at a readable OpenSSH/PEM private key",
    });
  }
  if (isTransient(e)) {
    return new PolyvisorError("SshUnreachable", `cannot reach ${describeHost(host)} over SSH: ${e.message}`, {
      where, fix: "check that the host is powered on, sshd runs and the address/port are right",
    });
  }
  return new PolyvisorError("SshConnectFailed", `SSH connect to ${describeHost(host)} failed: ${e.message}`, { where });
}

function firstLine(text: string): string {
  const line = text.split("\n")[0];
  return line.length > 120 ? `${line.slice(0, 120)}...` : line;
}

function lastLines(text: string, n: number): string {
  return text.trim().split("\n").slice(-n).join("\n");
}
