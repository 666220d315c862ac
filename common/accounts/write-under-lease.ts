import { createHash } from 'node:crypto';
import { LeaseLostError } from '../errors';
import { fencedLockWrite, type Lease } from '../locks/user-lock';
import { recordFenceRejection } from '../observability/metrics';
import { ConditionsFailed, type TransactItem, transactWrite } from '../storage/transact';
import type { BalanceState } from './balance-state';
import { balanceFromItem, balanceUnchangedCheck, balanceWrite } from './balance-store';

/** The balance moved since the state the change was computed from; `current` is what it is now. */
export class StaleBalanceError extends Error {
  override readonly name = 'StaleBalanceError';
  constructor(readonly current: BalanceState) {
    super('The balance changed since it was read');
  }
}

export interface LeasedWrite {
  readonly lease: Lease;
  readonly before: BalanceState;
  /** Omit when the balances stay as they are (a rejection that is still recorded). */
  readonly after?: BalanceState;
  /** The caller's own items: ledger entries, order, idempotency record. */
  readonly items: readonly TransactItem[];
  /** Fold the lock's release into this transaction. */
  readonly release: boolean;
  /** Names the step, so the idempotency token differs between steps made under one lease. */
  readonly step: string;
}

/** Position of the caller's first item in the transaction: after the lock and the balance. */
const OWN_ITEMS_OFFSET = 2;

/**
 * The only writer of balances. One TransactWriteItems holds, all or nothing: the lock's fence
 * condition (and release), the balance compare-and-set, and the caller's items. A lost lease fails
 * as LeaseLostError, a moved balance as StaleBalanceError; a failure of the caller's own items comes
 * back as ConditionsFailed with indexes relative to `items`.
 */
export async function writeUnderLease(write: LeasedWrite): Promise<BalanceState> {
  const { lease, before, items } = write;
  const after = write.after ? { ...write.after, version: before.version + 1 } : before;
  const balanceItem = write.after
    ? balanceWrite(lease.userId, before, after)
    : balanceUnchangedCheck(lease.userId, before);
  const token = createHash('sha256')
    .update(`${lease.owner}:${lease.fence}:${write.step}:${before.version}`)
    .digest('hex')
    .slice(0, 36);
  try {
    await transactWrite([fencedLockWrite(lease, after, write.release), balanceItem, ...items], token);
    return after;
  } catch (error) {
    if (!(error instanceof ConditionsFailed)) throw error;
    if (error.failureAt(0)) {
      recordFenceRejection();
      throw new LeaseLostError();
    }
    const balance = error.failureAt(1);
    if (balance) throw new StaleBalanceError(balanceFromItem(balance.item));
    throw new ConditionsFailed(
      error.failures.map((failure) => ({ index: failure.index - OWN_ITEMS_OFFSET, item: failure.item })),
    );
  }
}
