// Host key pinning: parse the pinned key the definition carries, compute OpenSSH-style SHA256
// fingerprints, and record keys accepted on first use in a known_hosts file.

import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { PolyvisorError } from "../errors";

export interface PublicKey {
  /** Key algorithm as written in the key line, e.g. ssh-ed25519. */
  readonly algorithm: string;
  /** The key blob (the base64 part, decoded). */
  readonly blob: Buffer;
}

const KEY_ALGORITHM = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9-@.]+)$/;

/**
 * Parses `ALG BASE64 [comment]` or a known_hosts line `HOSTS ALG BASE64 [comment]`.
 * `where` names the host attribute for the error message.
 */
export function parsePublicKey(line: string, where: string): PublicKey {
  const fields = line.trim().split(/\s+/);
  const at = fields.findIndex((f) => KEY_ALGORITHM.test(f));
  const base64 = at >= 0 ? fields[at + 1] : undefined;
  if (at < 0 || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) {
    throw new PolyvisorError("HostKeyInvalid", "the pinned host key is not an OpenSSH public key line", {
      where,
      value: line.length > 80 ? `${line.slice(0, 80)}...` : line,
      allowed: "`ssh-ed25519 AAAA...` or a known_hosts line `host ssh-ed25519 AAAA...`",
      fix: "copy the line from /etc/ssh/ssh_host_ed25519_key.pub on the host (or from ssh-keyscan)",
    });
  }
  return { algorithm: fields[at], blob: Buffer.from(base64, "base64") };
}

/** The algorithm name stored inside a key blob (first length-prefixed string). */
export function blobAlgorithm(blob: Buffer): string {
  if (blob.length < 4) return "unknown";
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString("latin1");
}

/** `SHA256:...` as `ssh-keygen -lf` prints it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** A public key line for a blob seen on the wire. */
export function keyLine(blob: Buffer): string {
  return `${blobAlgorithm(blob)} ${blob.toString("base64")}`;
}

/** known_hosts host pattern: `[addr]:port` unless the port is 22. */
export function knownHostsPattern(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

/** The key recorded for a host in a known_hosts file, if any (plain, unhashed entries only). */
export function lookupKnownHost(path: string, address: string, port: number): PublicKey | undefined {
  if (!existsSync(path)) return undefined;
  const pattern = knownHostsPattern(address, port);
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0].startsWith("#")) continue;
    if (fields[0].split(",").includes(pattern)) return parsePublicKey(line, path);
  }
  return undefined;
}

/** Appends an accepted key to a known_hosts file (0600, directory created 0700). */
export function recordKnownHost(path: string, address: string, port: number, blob: Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  appendFileSync(path, `${knownHostsPattern(address, port)} ${keyLine(blob)}\n`, { mode: 0o600 });
}
