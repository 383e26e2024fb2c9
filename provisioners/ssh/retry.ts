// Retries with exponential backoff, only for failures that a later attempt can fix (the peer was
// not listening yet, the connection was reset, a timeout) — never for a refused key or password.

export interface RetryPolicy {
  /** Attempts in total, including the first (default 4). */
  readonly attempts?: number;
  /** Delay before the second attempt in ms; doubles each time (default 250). */
  readonly initialDelayMs?: number;
  /** Upper bound of one delay in ms (default 4000). */
  readonly maxDelayMs?: number;
}

/** Error codes and messages (node net errors, ssh2 errors) that mean "try again later". */
const TRANSIENT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ECONNABORTED", "EAI_AGAIN"]);
const TRANSIENT_MESSAGES = [/timed out while waiting for handshake/i, /connection lost before handshake/i, /socket hang up/i, /keepalive timeout/i, /no response from server/i, /not connected/i];

export function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
  if ((err as { level?: unknown }).level === "client-timeout") return true;
  return TRANSIENT_MESSAGES.some((re) => re.test(err.message));
}

/** The delay before attempt `n` (n >= 2). */
export function backoffDelay(n: number, policy: RetryPolicy = {}): number {
  const initial = policy.initialDelayMs ?? 250;
  return Math.min(initial * 2 ** (n - 2), policy.maxDelayMs ?? 4000);
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy = {},
  retryable: (err: unknown) => boolean = isTransient,
): Promise<T> {
  const attempts = policy.attempts ?? 4;
  for (let n = 1; ; n++) {
    try {
      return await operation(n);
    } catch (err) {
      if (n >= attempts || !retryable(err)) throw err;
      await sleep(backoffDelay(n + 1, policy));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
