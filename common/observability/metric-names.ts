/**
 * The names under which lockstep's own metrics reach CloudWatch. Shared by the code that records
 * them (metrics.ts) and the stack's alarms and dashboard, which must name them identically; kept free
 * of Powertools so that the CDK app can import it.
 */
export const METRICS_NAMESPACE = 'Lockstep';
/** Powertools adds it to every metric as the `service` dimension. */
export const METRICS_SERVICE = 'lockstep';

export const metricNames = {
  /** Milliseconds from the first attempt to take a user's lock to getting it or giving up. */
  lockWait: 'LockWaitMs',
  /** Attempts to take a user's lock that found it held. */
  lockContention: 'LockContention',
  /** Fenced writes refused because the writer's lease had been lost (LeaseLostError). */
  fenceRejections: 'FenceRejections',
  /** Orders rolled back after a business failure (insufficient funds or asset). */
  businessRollbacks: 'BusinessRollbacks',
  /** Orders rolled back after a technical failure (timeout, lost lease, storage, bug). */
  technicalRollbacks: 'TechnicalRollbacks',
  /** Orders found PENDING past their lease and failed by the reaper: each one means a crashed flow. */
  reaperResolutions: 'ReaperResolutions',
  /** Holds the reaper found past their expiry, still PENDING, and released to their payer. */
  holdsExpired: 'HoldsExpired',
  /** Requests answered from a stored idempotency record. */
  idempotentReplays: 'IdempotentReplays',
} as const;
