import { type BalanceState, credit, debit, totalOf } from '../accounts/balance-state';
import { balanceView, ledgerEntryView } from '../accounts/views';
import { ulid } from '../ids/ulid';
import { type LedgerEntry, ledgerEntryPut } from '../ledger/ledger-entry';
import { chargeDailyLimit, type LimitKind } from '../limits/daily-limits';
import { CASH } from '../money/amounts';
import { type Outcome, rejectionOf } from '../outcomes/outcome';
import type { TransactItem } from '../storage/transact';

export type CashMovementKind = 'deposit' | 'withdraw';

interface Movement {
  readonly type: 'DEPOSIT' | 'WITHDRAWAL';
  readonly apply: typeof credit | typeof debit;
  readonly limit: LimitKind;
}

const MOVEMENTS: Readonly<Record<CashMovementKind, Movement>> = {
  deposit: { type: 'DEPOSIT', apply: credit, limit: 'deposit' },
  withdraw: { type: 'WITHDRAWAL', apply: debit, limit: 'withdrawal' },
};

export interface JudgedCashMovement {
  /** Undefined for a refusal: the balance stays as it was. */
  readonly after?: BalanceState;
  readonly ledger?: TransactItem;
  readonly outcome: Outcome;
}

/**
 * A deposit or withdrawal judged on `before`, pure: the balance and the day's usage of its limit
 * after it, its ledger entry and its outcome, or a refusal as the outcome. Funds are judged before
 * the limit, so a request that fails both is told what it lacks. `now` decides both the UTC day
 * counted and the entry's createdAt.
 */
export function judgeCashMovement(
  userId: string,
  kind: CashMovementKind,
  amount: bigint,
  before: BalanceState,
  requestId: string,
  now: Date,
): JudgedCashMovement {
  const movement = MOVEMENTS[kind];
  try {
    const after = chargeDailyLimit(movement.apply(before, CASH, amount), movement.limit, amount, now);
    const entry: LedgerEntry = {
      id: ulid(),
      type: movement.type,
      asset: CASH,
      amount: movement.type === 'DEPOSIT' ? amount : -amount,
      balanceAfter: totalOf(after, CASH),
      createdAt: now.toISOString(),
    };
    return {
      after,
      ledger: ledgerEntryPut(userId, entry),
      outcome: {
        status: 'completed',
        result: { transaction: ledgerEntryView(entry), balance: balanceView(after) },
      },
    };
  } catch (error) {
    const rejection = rejectionOf(error, requestId);
    if (!rejection) throw error;
    return { outcome: rejection };
  }
}
