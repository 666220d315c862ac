/**
 * How long each kind of operation may hold the user lock. A holder that crashes blocks the user for
 * at most this long (the contract promises 15 s for cash operations and 30 s for orders). The order
 * lease is also the workflow's timeout, and with the lock wait it must fit API Gateway's 30 s
 * (lib/config.ts, `orderRequest`).
 */
export const LEASE_SECONDS = {
  deposit: 10,
  withdraw: 15,
  transfer: 15,
  /** Placing, capturing or voiding a hold: one fenced transaction, like a withdrawal. */
  hold: 15,
  order: 20,
  /** An admin setting a user's daily limits: one fenced write. */
  limits: 10,
  /** Rollback and the reaper take the lock briefly to void a hold the original flow no longer owns. */
  recovery: 10,
} as const;

export type LeasePurpose = keyof typeof LEASE_SECONDS;

/** The contract's bound on how long a request waits for the lock before answering 409 LOCKED. */
export const LOCK_WAIT_BUDGET_MS = 5_000;
