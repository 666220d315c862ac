import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { type IdempotencyRequest, replayOf } from '../idempotency/idempotency-record';
import type { Executed } from '../outcomes/outcome';
import { acquireForRequest } from './acquire-for-request';
import type { LeasePurpose } from './lease-durations';
import { onFreshBalance } from './stale-balance';
import { type Lease, releaseUserLock } from './user-lock';
import { ItemConditionFailed, type LeasedWrite, writeUnderLease } from './write-under-lease';

export interface LeasedStep {
  readonly lease: Lease;
  readonly before: BalanceState;
  /** The fenced write made under this step's lease, on this step's balance state. */
  write(write: Omit<LeasedWrite, 'lease' | 'before'>): Promise<BalanceState>;
}

/**
 * Runs `attempt` under a lease already taken, on the balance state its snapshot carries (or, when TTL
 * deleted the lock item, the stored one), retried once if that state proves stale. Releases the lock
 * unless a write of the attempt folded the release into its own transaction.
 */
export async function runUnderLease<T>(lease: Lease, attempt: (step: LeasedStep) => Promise<T>): Promise<T> {
  let released = false;
  try {
    const stored = lease.snapshot ?? (await readBalance(lease.userId));
    return await onFreshBalance(lease.userId, stored, (before) =>
      attempt({
        lease,
        before,
        write: async (write) => {
          const after = await writeUnderLease({ lease, before, ...write });
          released ||= write.release;
          return after;
        },
      }),
    );
  } finally {
    if (!released) await releaseUserLock(lease);
  }
}

/**
 * A keyed request's run under the user's lock. The lock is taken marked with the request's key (a
 * finished duplicate met on it is replayed); if the write meets the key's idempotency record, the
 * request is a duplicate and the stored outcome is replayed.
 */
export async function runRequestUnderLease(
  userId: string,
  purpose: LeasePurpose,
  idempotency: IdempotencyRequest | undefined,
  attempt: (step: LeasedStep) => Promise<Executed>,
): Promise<Executed> {
  const acquired = await acquireForRequest(userId, purpose, idempotency);
  if ('replayed' in acquired) return acquired.replayed;
  try {
    return await runUnderLease(acquired.lease, attempt);
  } catch (error) {
    const duplicate = error instanceof ItemConditionFailed ? error.failed('record')?.item : undefined;
    if (idempotency && duplicate) return replayOf(duplicate, idempotency);
    throw error;
  }
}
