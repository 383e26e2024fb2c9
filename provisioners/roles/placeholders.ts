// The two placeholder kinds a recipe may carry, and how to find them. The engine substitutes them
// just before use; tests use `placeholdersIn` to check every name is declared by its recipe.

import { PolyvisorError } from "../errors";

export type PlaceholderKind = "secret" | "param";

export interface Placeholder {
  readonly kind: PlaceholderKind;
  readonly name: string;
}

const PATTERN = /\$\{(secret|param):([A-Za-z0-9_]+)\}/g;

export function placeholdersIn(text: string): Placeholder[] {
  return [...text.matchAll(PATTERN)].map((m) => ({ kind: m[1] as PlaceholderKind, name: m[2] }));
}

/**
 * Replaces every placeholder. An unknown name is refused with `UnknownPlaceholder`; the error
 * names the placeholder and where it was used, never any value.
 */
export function substitute(
  text: string,
  values: Readonly<Record<PlaceholderKind, Readonly<Record<string, string>>>>,
  where: string,
): string {
  return text.replace(PATTERN, (_m, kind: PlaceholderKind, name: string) => {
    const value = values[kind][name];
    if (value === undefined) {
      throw new PolyvisorError("UnknownPlaceholder", `no ${kind} named "${name}"`, {
        where,
        value: `\${${kind}:${name}}`,
        allowed: Object.keys(values[kind]).sort().join(", ") || "(none)",
        fix: `declare "${name}" in the role recipe's ${kind === "secret" ? "secrets" : "params"} and provide a value for it`,
      });
    }
    return value;
  });
}
