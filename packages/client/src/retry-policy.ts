/** How hard the client tries before it hands back an answer that is not definite, or no answer. */
export interface RetryPolicy {
  /** Attempts in all, the first one included; 1 turns retrying off. */
  readonly maxAttempts: number;
  /** The ceiling of the first backoff; it doubles with every attempt, and the wait is drawn below it. */
  readonly baseDelayMs: number;
  /**
   * The longest wait between two attempts. A server that asks, with Retry-After, for a longer one
   * gets its answer handed back to the caller rather than a client asleep past its budget.
   */
  readonly maxDelayMs: number;
  /** One attempt's limit; past it the attempt counts as unanswered and is resent. */
  readonly attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  attemptTimeoutMs: 30_000,
};

/**
 * The answers after which the same request may be sent again with the same Idempotency-Key:
 * - any 5xx, since a gateway's 502 or 504 does not say whether the request took effect, and the
 *   contract keeps none of them for the key;
 * - 409 `IDEMPOTENCY_IN_PROGRESS`, the first request with the key is still running;
 * - 409 `LOCKED`, nothing was done and the contract says to retry after Retry-After.
 * Every other answer is definite (201 and 422 are kept for the key and replayed) or a mistake that
 * resending cannot mend (400, 401, 403, 404).
 */
export async function isWorthResending(response: Response): Promise<boolean> {
  if (response.status >= 500) return true;
  if (response.status !== 409) return false;
  const code = await errorCodeOf(response);
  return code === 'IDEMPOTENCY_IN_PROGRESS' || code === 'LOCKED';
}

async function errorCodeOf(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
    const { error } = body;
    if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
    return typeof error.code === 'string' ? error.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The wait before attempt `attempt + 1` (`attempt` counts from 1): exponential backoff with full
 * jitter, so that many clients that failed together do not come back together, and never less than
 * the server's Retry-After. Undefined when Retry-After asks for more than `maxDelayMs`.
 */
export function waitBeforeNext(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs) return undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(retryAfterMs ?? 0, Math.round(random() * ceiling));
}

/** Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if absent or unreadable. */
export function retryAfterMs(response: Response, now: number = Date.now()): number | undefined {
  const value = response.headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
