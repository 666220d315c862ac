import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { StaleBalanceError } from '../accounts/write-under-lease';
import { acquireForRequest } from '../idempotency/acquire-for-request';
import { type IdempotencyRequest, replayOf } from '../idempotency/idempotency-record';
import type { LeasePurpose } from '../locks/lease-durations';
import { type Lease, releaseUserLock } from '../locks/user-lock';
import type { Executed } from '../outcomes/outcome';
import { ConditionsFailed } from '../storage/transact';

export interface LockedStep {
  readonly lease: Lease;
  readonly before: BalanceState;
}

/**
 * Runs `attempt` under the user's lock and releases the lock if `attempt` did not fold the release
 * into its own transaction. `attempt` gets the lease and the balance state; if its write finds the
 * balance moved (a stale snapshot), it runs once more on the state the failed write returned. If the
 * idempotency record's condition fails, the request is a duplicate and the stored outcome is replayed.
 */
export async function runUnderLock(
  userId: string,
  purpose: LeasePurpose,
  idempotency: IdempotencyRequest | undefined,
  idempotencyItemIndex: number | undefined,
  attempt: (step: LockedStep) => Promise<Executed>,
): Promise<Executed> {
  const acquired = await acquireForRequest(userId, purpose, idempotency);
  if ('replayed' in acquired) return acquired.replayed;
  const { lease } = acquired;
  let released = false;
  try {
    let before = lease.snapshot ?? (await readBalance(userId));
    for (let tries = 0; ; tries++) {
      try {
        const executed = await attempt({ lease, before });
        released = true;
        return executed;
      } catch (error) {
        if (error instanceof StaleBalanceError && tries === 0) {
          before = error.current;
          continue;
        }
        const duplicate =
          idempotency && idempotencyItemIndex !== undefined && error instanceof ConditionsFailed
            ? error.failureAt(idempotencyItemIndex)?.item
            : undefined;
        if (idempotency && duplicate) return replayOf(duplicate, idempotency);
        throw error;
      }
    }
  } finally {
    if (!released) await releaseUserLock(lease);
  }
}
