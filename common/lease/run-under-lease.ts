import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { type IdempotencyRequest, replayOf } from '../idempotency/idempotency-record';
import type { Executed } from '../outcomes/outcome';
import { acquireForRequest } from './acquire-for-request';
import type { LeasePurpose } from './lease-durations';
import { type Balances, onFreshBalances } from './stale-balance';
import { type Lease, releaseUserLock } from './user-lock';
import { ItemConditionFailed, type LeasedWrite, writeUnderLeases } from './write-under-lease';

export interface StepWrite extends Omit<LeasedWrite, 'lease' | 'before'> {
  /**
   * The new states of the run's other leased accounts, by user id. An account left out is still
   * fenced, and its balance checked as it was judged.
   */
  readonly others?: Balances;
}

export interface LeasedStep {
  readonly lease: Lease;
  /** The lease holder's balance state. */
  readonly before: BalanceState;
  /** Every leased account of the run by user id, the lease holder's included, as of this attempt. */
  readonly balances: Balances;
  /** The fenced write made under all of the run's leases, on this attempt's balance states. */
  write(write: StepWrite): Promise<BalanceState>;
}

/** What each lease's snapshot carries, or, when TTL deleted the lock item, the stored balance. */
async function statesOf(leases: readonly Lease[]): Promise<Balances> {
  const states = await Promise.all(leases.map((lease) => lease.snapshot ?? readBalance(lease.userId)));
  return new Map(leases.map((lease, index) => [lease.userId, states[index] as BalanceState]));
}

/**
 * Runs `attempt` under leases already taken (the first is the step's own, the others are accounts
 * it may also change), on the balance states their snapshots carry, retried on the current states if
 * they prove stale. Every write of the attempt is fenced on all of them. Releases every lock unless a
 * write of the attempt folded the releases into its own transaction.
 */
export async function runUnderLeases<T>(
  leases: readonly [Lease, ...Lease[]],
  attempt: (step: LeasedStep) => Promise<T>,
): Promise<T> {
  const [lease] = leases;
  let released = false;
  try {
    return await onFreshBalances(await statesOf(leases), (balances) => {
      const stateOf = (userId: string) => balances.get(userId) as BalanceState;
      const before = stateOf(lease.userId);
      return attempt({
        lease,
        before,
        balances,
        write: async ({ after, others, items, release, step }) => {
          const written = await writeUnderLeases({
            accounts: leases.map((each) => ({
              lease: each,
              before: stateOf(each.userId),
              after: each === lease ? after : others?.get(each.userId),
              release,
            })),
            items,
            step,
          });
          released ||= release;
          return written.get(lease.userId) ?? before;
        },
      });
    });
  } finally {
    if (!released) await Promise.all(leases.map((each) => releaseUserLock(each)));
  }
}

/** runUnderLeases with the one lease. */
export function runUnderLease<T>(lease: Lease, attempt: (step: LeasedStep) => Promise<T>): Promise<T> {
  return runUnderLeases([lease], attempt);
}

/**
 * A keyed request's run under the user's lock, and under the locks of `alsoLocked` (users whose
 * balances the request changes too; see `acquireUserLocks` for the order they are taken in). The
 * user's lock is marked with the request's key (a finished duplicate met on it is replayed); if the
 * write meets the key's idempotency record, the request is a duplicate and the stored outcome is
 * replayed.
 */
export async function runRequestUnderLease(
  userId: string,
  purpose: LeasePurpose,
  idempotency: IdempotencyRequest | undefined,
  attempt: (step: LeasedStep) => Promise<Executed>,
  alsoLocked: readonly string[] = [],
): Promise<Executed> {
  const acquired = await acquireForRequest(userId, purpose, idempotency, alsoLocked);
  if ('replayed' in acquired) return acquired.replayed;
  try {
    return await runUnderLeases([acquired.lease, ...acquired.others], attempt);
  } catch (error) {
    const duplicate = error instanceof ItemConditionFailed ? error.failed('record')?.item : undefined;
    if (idempotency && duplicate) return replayOf(duplicate, idempotency);
    throw error;
  }
}
