// `${secret:NAME}` placeholders: files are planned and shown with placeholders; the values from the
// secrets map are filled in memory right before the bytes travel to the host, and never logged.

import { PolyvisorError } from "../errors";

const PLACEHOLDER = /\$\{secret:([A-Za-z0-9_.-]+)\}/g;

export type Secrets = { readonly [name: string]: string };

/** Names of the secrets a template uses, in order of first use. */
export function secretNames(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export function hasSecrets(template: string): boolean {
  return secretNames(template).length > 0;
}

/** Fills placeholders; an unknown name is an error naming the file and the secret (not any value). */
export function fillSecrets(template: string, secrets: Secrets, where: string): string {
  const missing = secretNames(template).filter((n) => !(n in secrets));
  if (missing.length > 0) {
    throw new PolyvisorError("SecretMissing", `the file uses secrets that the secrets map does not define: ${missing.join(", ")}`, {
      where, allowed: Object.keys(secrets).sort().join(", ") || "(no secrets given)",
      fix: "add the names to the role's secrets map, or fix the placeholder spelling",
    });
  }
  return template.replace(PLACEHOLDER, (_, name: string) => secrets[name]);
}
