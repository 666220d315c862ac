import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { type IdempotencyRequest, replayOf } from '../idempotency/idempotency-record';
import type { Executed } from '../outcomes/outcome';
import { acquireForRequest } from './acquire-for-request';
import type { LeasePurpose } from './lease-durations';
import { type Balances, onFreshBalances } from './stale-balance';
import { type Lease, releaseUserLock } from './user-lock';
import {
  type CreditedBalance,
  ItemConditionFailed,
  type LeasedWrite,
  writeUnderLeases,
} from './write-under-lease';

export interface StepWrite extends Omit<LeasedWrite, 'lease' | 'before'> {
  /** Other users' accounts the same transaction credits (or checks), without their leases. */
  readonly credited?: readonly CreditedBalance[];
}

export interface LeasedStep {
  readonly lease: Lease;
  /** The lease holder's balance state. */
  readonly before: BalanceState;
  /** Every account of the run by user id, the lease holder's included, as of this attempt. */
  readonly balances: Balances;
  /** The fenced write made under this step's lease, on this step's balance state. */
  write(write: StepWrite): Promise<BalanceState>;
}

const NO_BALANCES: Balances = new Map();

/**
 * Runs `attempt` under a lease already taken, on the balance state its snapshot carries (or, when TTL
 * deleted the lock item, the stored one) and on `others`, retried on the current states if they prove
 * stale. Releases the lock unless a write of the attempt folded the release into its own transaction.
 */
export async function runUnderLease<T>(
  lease: Lease,
  attempt: (step: LeasedStep) => Promise<T>,
  others: Balances = NO_BALANCES,
): Promise<T> {
  let released = false;
  try {
    const stored = lease.snapshot ?? (await readBalance(lease.userId));
    return await onFreshBalances(new Map([...others, [lease.userId, stored]]), (balances) => {
      const before = balances.get(lease.userId) ?? stored;
      return attempt({
        lease,
        before,
        balances,
        write: async ({ after, credited, items, release, step }) => {
          const written = await writeUnderLeases({
            accounts: [{ lease, before, after, release }],
            credited,
            items,
            step,
          });
          released ||= release;
          return written.get(lease.userId) ?? before;
        },
      });
    });
  } finally {
    if (!released) await releaseUserLock(lease);
  }
}

/**
 * A keyed request's run under the user's lock. The lock is taken marked with the request's key (a
 * finished duplicate met on it is replayed), while `readOthers` reads the other accounts the request
 * judges in the same round trip; if the write meets the key's idempotency record, the request is a
 * duplicate and the stored outcome is replayed.
 */
export async function runRequestUnderLease(
  userId: string,
  purpose: LeasePurpose,
  idempotency: IdempotencyRequest | undefined,
  attempt: (step: LeasedStep) => Promise<Executed>,
  readOthers: () => Promise<Balances> = async () => NO_BALANCES,
): Promise<Executed> {
  const [acquired, others] = await Promise.allSettled([
    acquireForRequest(userId, purpose, idempotency),
    readOthers(),
  ]);
  if (acquired.status === 'rejected') throw acquired.reason;
  if ('replayed' in acquired.value) return acquired.value.replayed;
  const { lease } = acquired.value;
  if (others.status === 'rejected') {
    await releaseUserLock(lease);
    throw others.reason;
  }
  try {
    return await runUnderLease(lease, attempt, others.value);
  } catch (error) {
    const duplicate = error instanceof ItemConditionFailed ? error.failed('record')?.item : undefined;
    if (idempotency && duplicate) return replayOf(duplicate, idempotency);
    throw error;
  }
}
