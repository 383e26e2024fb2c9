// Diagnostics as handlers produce them, and their conversion from thrown errors.
import { isPolyvisorError } from "../../provisioners/errors";
import { PathStep, ValueConversionError } from "../values";

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  /** Attribute path: attribute names, list/set indexes, `{key}` for map keys. */
  readonly path?: readonly PathStep[];
}

export const error = (summary: string, detail?: string, path?: readonly PathStep[]): Diagnostic => ({ severity: "error", summary, detail, path });
export const warning = (summary: string, detail?: string, path?: readonly PathStep[]): Diagnostic => ({ severity: "warning", summary, detail, path });

/** Thrown by handlers to stop with diagnostics that already name their attribute paths. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.summary).join("; "));
  }
}

/**
 * Turns anything a handler threw into diagnostics. A PolyvisorError whose `where` is a plain
 * attribute name points the diagnostic at that attribute.
 */
export function diagnosticsFromError(err: unknown, context: string): Diagnostic[] {
  if (err instanceof DiagnosticsError) return [...err.diagnostics];
  if (err instanceof ValueConversionError) return [error(`${context}: value does not match the schema`, err.message, err.path)];
  if (isPolyvisorError(err)) {
    const where = err.details.where;
    const path = where && /^[a-z_][a-z0-9_]*$/.test(where) ? [where] : undefined;
    return [error(`${context}: ${err.code}`, err.message, path)];
  }
  const message = err instanceof Error ? err.message : String(err);
  return [error(`${context} failed`, message)];
}
