import type { Random } from '../local/faults/seeded-random';
import type { Attempt } from './history';
import { isDefinite } from './history';

/** Bounds on retrying one key, so a server that never answers cannot keep the run going forever. */
export interface RetryBounds {
  readonly maxAttempts: number;
  readonly maxMs: number;
}

const BASE_MS = 25;
const CAP_MS = 1_000;

/** Statuses the contract does not keep for a key, so the same key may be sent again. */
const RETRYABLE_STATUSES = new Set([409, 500, 502, 503, 504]);

export type Next = { readonly done: true } | { readonly done: false; readonly waitMs: number };

/**
 * What to do after an attempt: stop at a definite answer (201, 422) or at an answer that retrying
 * cannot change (another 4xx; the checker reports it), else wait with jittered exponential backoff.
 * Retry-After is honoured up to the cap: it is advice, and a long wait only slows the run down.
 */
export function nextStep(attempt: Attempt, attemptNumber: number, random: Random): Next {
  if (isDefinite(attempt)) return { done: true };
  if (attempt.status !== undefined && !RETRYABLE_STATUSES.has(attempt.status)) return { done: true };
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attemptNumber, 10));
  return { done: false, waitMs: Math.round(ceiling / 2 + random.next() * (ceiling / 2)) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
