import { type BalanceState, credit, debit, totalOf } from '../accounts/balance-state';
import { balanceView, ledgerEntryView } from '../accounts/views';
import { type IdempotencyRequest, idempotencyRecordPut } from '../idempotency/idempotency-record';
import { ulid } from '../ids/ulid';
import type { LeasePurpose } from '../lease/lease-durations';
import { runRequestUnderLease } from '../lease/run-under-lease';
import { type LedgerEntry, ledgerEntryPut } from '../ledger/ledger-entry';
import { chargeDailyLimit, type LimitKind } from '../limits/daily-limits';
import { CASH } from '../money/amounts';
import { type Executed, type Outcome, rejectionOf } from '../outcomes/outcome';
import type { TransactItem } from '../storage/transact';

export interface CashCommand {
  readonly userId: string;
  /** Cents, already validated as positive and within limits. */
  readonly amount: bigint;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

interface Movement {
  readonly type: 'DEPOSIT' | 'WITHDRAWAL';
  readonly apply: typeof credit | typeof debit;
  readonly limit: LimitKind;
}

/**
 * Deposit and withdrawal: take the lock, then one fenced transaction that changes the balance and
 * the day's usage of its limit, appends the ledger entry, records the idempotency key and releases
 * the lock: two round trips in all. Funds are judged before the limit, so a request that fails both
 * is told what it lacks.
 */
async function moveCash(command: CashCommand, purpose: LeasePurpose, movement: Movement): Promise<Executed> {
  const { userId, idempotency } = command;
  return runRequestUnderLease(userId, purpose, idempotency, async ({ before, write }) => {
    // One instant decides both the UTC day counted and the entry's createdAt.
    const now = new Date();
    let after: BalanceState | undefined;
    let outcome: Outcome;
    let ledger: TransactItem | undefined;
    try {
      after = chargeDailyLimit(
        movement.apply(before, CASH, command.amount),
        movement.limit,
        command.amount,
        now,
      );
      const entry: LedgerEntry = {
        id: ulid(),
        type: movement.type,
        asset: CASH,
        amount: movement.type === 'DEPOSIT' ? command.amount : -command.amount,
        balanceAfter: totalOf(after, CASH),
        createdAt: now.toISOString(),
      };
      ledger = ledgerEntryPut(userId, entry);
      outcome = {
        status: 'completed',
        result: { transaction: ledgerEntryView(entry), balance: balanceView(after) },
      };
    } catch (error) {
      const rejection = rejectionOf(error, command.requestId);
      if (!rejection) throw error;
      after = undefined;
      outcome = rejection;
    }
    const record = idempotency ? idempotencyRecordPut(userId, idempotency, outcome) : undefined;
    await write({ after, items: { record, ledger }, release: true, step: purpose });
    return { outcome, replayed: false };
  });
}

export function deposit(command: CashCommand): Promise<Executed> {
  return moveCash(command, 'deposit', { type: 'DEPOSIT', apply: credit, limit: 'deposit' });
}

export function withdraw(command: CashCommand): Promise<Executed> {
  return moveCash(command, 'withdraw', { type: 'WITHDRAWAL', apply: debit, limit: 'withdrawal' });
}
