// What polyvisor needs to know to reach one machine: where it is, how to log in, which host key to
// expect, and (optionally) its BMC. The provider builds this from a `polyvisor_host` resource and
// the test fleet from its inventory.

import type { BmcDefinition } from "../bmc/bmc";

export interface HostDefinition {
  /** Hostname, unique in the cloud; every error and report names the host by it. */
  readonly name: string;
  /** Address polyvisor reaches the host at over SSH. */
  readonly address: string;
  /** SSH user (default root). */
  readonly sshUser?: string;
  /** SSH port (default 22). */
  readonly sshPort?: number;
  /** Private key text (secret). One of sshPrivateKey / sshPrivateKeyPath is required. */
  readonly sshPrivateKey?: string;
  /** Path of the private key on the machine running polyvisor. */
  readonly sshPrivateKeyPath?: string;
  /** Pinned host public key (`ssh-ed25519 AAAA...`, a known_hosts line also works). */
  readonly sshHostKey?: string;
  /** Accept and record an unknown host key on first connect (default false). */
  readonly sshTrustOnFirstUse?: boolean;
  /** Baseboard management controller, when polyvisor also controls power. */
  readonly bmc?: BmcDefinition;
}

export const DEFAULT_SSH_USER = "root";
export const DEFAULT_SSH_PORT = 22;

/** `name (address:port)`: how errors point at a host. */
export function describeHost(host: HostDefinition): string {
  return `${host.name} (${host.address}:${host.sshPort ?? DEFAULT_SSH_PORT})`;
}
