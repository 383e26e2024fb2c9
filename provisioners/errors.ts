// One error type for everything polyvisor refuses. Every error carries a stable code that tests and
// CI key on, and a message that names where (construct path, attribute, host, step), the value
// received, what is allowed and how to fix it.

export interface PolyvisorErrorDetails {
  /** Construct path, attribute path, `host:step`, or file:line: where the problem is. */
  readonly where?: string;
  /** The value received, if any. */
  readonly value?: unknown;
  /** What would have been accepted. */
  readonly allowed?: string;
  /** What the operator should do. */
  readonly fix?: string;
}

export class PolyvisorError extends Error {
  readonly code: string;
  readonly details: PolyvisorErrorDetails;

  constructor(code: string, summary: string, details: PolyvisorErrorDetails = {}) {
    super(formatMessage(code, summary, details));
    this.name = "PolyvisorError";
    this.code = code;
    this.details = details;
  }
}

function formatMessage(code: string, summary: string, d: PolyvisorErrorDetails): string {
  const parts = [`[${code}]`];
  if (d.where) parts.push(`${d.where}:`);
  parts.push(summary);
  let msg = parts.join(" ");
  if (d.value !== undefined) msg += ` (got ${JSON.stringify(d.value)})`;
  if (d.allowed) msg += `. Allowed: ${d.allowed}`;
  if (d.fix) msg += `. Fix: ${d.fix}`;
  return msg;
}

export function isPolyvisorError(err: unknown, code?: string): err is PolyvisorError {
  return err instanceof PolyvisorError && (code === undefined || err.code === code);
}
