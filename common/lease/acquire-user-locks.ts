import { LockedError } from '../errors';
import { type LeasePurpose, LOCK_WAIT_BUDGET_MS } from './lease-durations';
import { acquireUserLock, type Lease, releaseUserLock } from './user-lock';

/** One lock of several to take, for one user. */
export interface LockRequest {
  readonly userId: string;
  readonly purpose: LeasePurpose;
  /** Marks this lock with a request's idempotency key (see `AcquireOptions`). */
  readonly holderKey?: string;
  /** See `AcquireOptions`. */
  readonly waitsFor?: string;
}

const byUserId = (a: LockRequest, b: LockRequest): number =>
  a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;

/**
 * Takes several users' locks without hold-and-wait deadlock, within one wait budget for all.
 *
 * Every lock is first tried once, all at once: one round trip when they are free. Waiting only ever
 * happens in ascending user-id order: of what the first try took, the leases that form a prefix of
 * that order are kept, any taken beyond the first lock it missed are released, and the rest are
 * waited for one after another. So a waiter holds only locks that sort below the one it waits for,
 * no cycle of waiters can form, and two users paying each other at once never block each other
 * for good. A wait past the budget throws the `LockedError` of the lock waited for (its
 * Retry-After is that lock's) after releasing every lease taken. Returns the leases in the order asked.
 */
export async function acquireUserLocks(
  requests: readonly LockRequest[],
  waitBudgetMs: number = LOCK_WAIT_BUDGET_MS,
): Promise<Lease[]> {
  const [only, ...more] = requests;
  if (only && more.length === 0) {
    const { userId, purpose, holderKey, waitsFor } = only;
    return [await acquireUserLock(userId, purpose, { holderKey, waitsFor, waitBudgetMs })];
  }
  const deadline = Date.now() + waitBudgetMs;
  const ordered = [...requests].sort(byUserId);
  const firstTry = await Promise.allSettled(
    ordered.map(({ userId, purpose, holderKey }) =>
      acquireUserLock(userId, purpose, { holderKey, waitBudgetMs: 0 }),
    ),
  );
  const missed = firstTry.findIndex((tried) => tried.status === 'rejected');
  const leases = new Map<string, Lease>();
  const surplus: Lease[] = [];
  firstTry.forEach((tried, index) => {
    if (tried.status !== 'fulfilled') return;
    if (missed === -1 || index < missed) leases.set(tried.value.userId, tried.value);
    else surplus.push(tried.value);
  });
  // Let go of what sorts above the first miss while waiting for it; a lost release only lets the
  // lease run out.
  const releasing = Promise.allSettled(surplus.map((lease) => releaseUserLock(lease)));
  try {
    // Only a lock found held is worth waiting for; anything else (a duplicate in progress, a
    // storage failure) ends the acquire.
    for (const tried of firstTry) {
      if (tried.status === 'rejected' && !(tried.reason instanceof LockedError)) throw tried.reason;
    }
    if (missed !== -1) {
      for (const { userId, purpose, holderKey } of ordered.slice(missed)) {
        const waitBudget = Math.max(0, deadline - Date.now());
        leases.set(userId, await acquireUserLock(userId, purpose, { holderKey, waitBudgetMs: waitBudget }));
      }
    }
  } catch (error) {
    await Promise.allSettled([...leases.values()].map((lease) => releaseUserLock(lease)));
    throw error;
  } finally {
    await releasing;
  }
  return requests.map(({ userId }) => leases.get(userId) as Lease);
}
