/**
 * Retry delay for a retryable ledger error: exponential backoff with full jitter, capped, and
 * never shorter than what the ledger asked for in Retry-After.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** After this many attempts a retryable error is treated as final. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000, maxAttempts: 12 };

export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
