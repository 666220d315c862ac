import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { type IdempotencyRequest, replayOf } from '../idempotency/idempotency-record';
import type { Executed } from '../outcomes/outcome';
import { acquireForRequest } from './acquire-for-request';
import type { LeasePurpose } from './lease-durations';
import { type Balances, onFreshBalances } from './stale-balance';
import { type Lease, releaseUserLock } from './user-lock';
import {
  type CheckedBalance,
  ItemConditionFailed,
  type LeasedWrite,
  writeUnderLeases,
} from './write-under-lease';

export interface StepWrite extends Omit<LeasedWrite, 'lease' | 'before'> {
  /**
   * The new states of the run's other leased accounts, by user id. An account left out is still
   * fenced, and its balance checked as it was judged.
   */
  readonly others?: Balances;
  /** Accounts read without their leases that the write checks as they were judged. */
  readonly checked?: readonly CheckedBalance[];
}

export interface LeasedStep {
  readonly lease: Lease;
  /** The lease holder's balance state. */
  readonly before: BalanceState;
  /**
   * Every account of the run by user id, as of this attempt: the leased ones, the lease holder's
   * included, and any read without a lease.
   */
  readonly balances: Balances;
  /** The fenced write made under all of the run's leases, on this attempt's balance states. */
  write(write: StepWrite): Promise<BalanceState>;
}

/** What each lease's snapshot carries, or, when TTL deleted the lock item, the stored balance. */
async function statesOf(leases: readonly Lease[]): Promise<Balances> {
  const states = await Promise.all(leases.map((lease) => lease.snapshot ?? readBalance(lease.userId)));
  return new Map(leases.map((lease, index) => [lease.userId, states[index] as BalanceState]));
}

const NO_BALANCES: Balances = new Map();

/**
 * Runs `attempt` under leases already taken (the first is the step's own, the others are accounts
 * it may also change), on the balance states their snapshots carry and on `unleased` (accounts only
 * judged), retried on the current states if they prove stale. Every write of the attempt is fenced
 * on all of the leases. Releases every lock unless a write of the attempt folded the releases into
 * its own transaction.
 */
export async function runUnderLeases<T>(
  leases: readonly [Lease, ...Lease[]],
  attempt: (step: LeasedStep) => Promise<T>,
  unleased: Balances = NO_BALANCES,
): Promise<T> {
  const [lease] = leases;
  let released = false;
  try {
    const leased = await statesOf(leases);
    return await onFreshBalances(new Map([...unleased, ...leased]), (balances) => {
      const stateOf = (userId: string) => balances.get(userId) as BalanceState;
      const before = stateOf(lease.userId);
      return attempt({
        lease,
        before,
        balances,
        write: async ({ after, others, checked, items, release, step }) => {
          const written = await writeUnderLeases({
            accounts: leases.map((each) => ({
              lease: each,
              before: stateOf(each.userId),
              after: each === lease ? after : others?.get(each.userId),
              release,
            })),
            checked,
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

/** The other accounts a request involves besides the caller's. */
export interface OtherAccounts {
  /** Users whose balances the request changes too: their locks are taken as well (`acquireUserLocks`). */
  readonly locked?: readonly string[];
  /** Reads the accounts the request only judges, in the same round trip as the locks. */
  readonly read?: () => Promise<Balances>;
}

/**
 * A keyed request's run under the user's lock and the locks of `others.locked`. The user's lock is
 * marked with the request's key (a finished duplicate met on it is replayed); if the write meets
 * the key's idempotency record, the request is a duplicate and the stored outcome is replayed.
 */
export async function runRequestUnderLease(
  userId: string,
  purpose: LeasePurpose,
  idempotency: IdempotencyRequest | undefined,
  attempt: (step: LeasedStep) => Promise<Executed>,
  others: OtherAccounts = {},
): Promise<Executed> {
  const [acquired, read] = await Promise.allSettled([
    acquireForRequest(userId, purpose, idempotency, others.locked),
    others.read ? others.read() : Promise.resolve(NO_BALANCES),
  ]);
  if (acquired.status === 'rejected') throw acquired.reason;
  if ('replayed' in acquired.value) return acquired.value.replayed;
  const leases = [acquired.value.lease, ...acquired.value.others] as const;
  if (read.status === 'rejected') {
    await Promise.all(leases.map((lease) => releaseUserLock(lease)));
    throw read.reason;
  }
  try {
    return await runUnderLeases(leases, attempt, read.value);
  } catch (error) {
    const duplicate = error instanceof ItemConditionFailed ? error.failed('record')?.item : undefined;
    if (idempotency && duplicate) return replayOf(duplicate, idempotency);
    throw error;
  }
}
