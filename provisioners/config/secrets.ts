// Secrets never appear literally in a rendered file: renderers write a `${secret:NAME}` placeholder
// and the provider fills it on the host from the sensitive `secrets` map of the resource.

import { PolyvisorError } from "../errors";

const SECRET_NAME = /^[a-z][a-z0-9_.-]{0,63}$/;
const PLACEHOLDER = /\$\{secret:([a-z][a-z0-9_.-]{0,63})\}/g;

/** The placeholder for a secret, e.g. `secretRef("nova_db_password")` -> `${secret:nova_db_password}`. */
export function secretRef(name: string, where?: string): string {
  if (!SECRET_NAME.test(name)) {
    throw new PolyvisorError("InvalidSecretName", "secret name is not a placeholder name", {
      where,
      value: "(hidden)",
      allowed: "a name matching [a-z][a-z0-9_.-]{0,63}, e.g. nova_db_password",
      fix: "pass the NAME of a secret (its value goes into the resource's sensitive secrets map), never the value itself",
    });
  }
  return "${secret:" + name + "}";
}

/** Names of every secret placeholder in a rendered text, sorted and unique. */
export function secretNamesIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/** Replaces placeholders with values (what the provider does on the host; used by tests and the provider). */
export function fillSecrets(text: string, values: { readonly [name: string]: string }): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = values[name];
    if (v === undefined) {
      throw new PolyvisorError("MissingSecret", `no value for secret ${name}`, {
        allowed: Object.keys(values).sort().join(", ") || "(none given)",
        fix: `add ${name} to the resource's secrets map`,
      });
    }
    return v;
  });
}
