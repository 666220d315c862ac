import { type BalanceState, credit, debit, totalOf } from '../accounts/balance-state';
import { balanceView, ledgerEntryView } from '../accounts/views';
import { type IdempotencyRequest, idempotencyRecordPut } from '../idempotency/idempotency-record';
import { ulid } from '../ids/ulid';
import type { LeasePurpose } from '../lease/lease-durations';
import { runRequestUnderLease } from '../lease/run-under-lease';
import { type LedgerEntry, ledgerEntryPut } from '../ledger/ledger-entry';
import { CASH } from '../money/assets';
import { type Executed, type Outcome, rejectionOf } from '../outcomes/outcome';
import type { TransactItem } from '../storage/transact';

export interface CashCommand {
  readonly userId: string;
  /** Cents, already validated as positive and within limits. */
  readonly amount: bigint;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

type Movement = { type: 'DEPOSIT'; apply: typeof credit } | { type: 'WITHDRAWAL'; apply: typeof debit };

/**
 * Deposit and withdrawal: take the lock, then one fenced transaction that changes the balance, appends
 * the ledger entry, records the idempotency key and releases the lock: two round trips in all.
 */
async function moveCash(command: CashCommand, purpose: LeasePurpose, movement: Movement): Promise<Executed> {
  const { userId, idempotency } = command;
  return runRequestUnderLease(userId, purpose, idempotency, async ({ before, write }) => {
    let after: BalanceState | undefined;
    let outcome: Outcome;
    let ledger: TransactItem | undefined;
    try {
      after = movement.apply(before, CASH, command.amount);
      const entry: LedgerEntry = {
        id: ulid(),
        type: movement.type,
        asset: CASH,
        amount: movement.type === 'DEPOSIT' ? command.amount : -command.amount,
        balanceAfter: totalOf(after, CASH),
        createdAt: new Date().toISOString(),
      };
      ledger = ledgerEntryPut(userId, entry);
      outcome = {
        status: 'completed',
        result: { transaction: ledgerEntryView(entry), balance: balanceView(after) },
      };
    } catch (error) {
      const rejection = rejectionOf(error, command.requestId);
      if (!rejection) throw error;
      outcome = rejection;
    }
    const record = idempotency ? idempotencyRecordPut(userId, idempotency, outcome) : undefined;
    await write({ after, items: { record, ledger }, release: true, step: purpose });
    return { outcome, replayed: false };
  });
}

export function deposit(command: CashCommand): Promise<Executed> {
  return moveCash(command, 'deposit', { type: 'DEPOSIT', apply: credit });
}

export function withdraw(command: CashCommand): Promise<Executed> {
  return moveCash(command, 'withdraw', { type: 'WITHDRAWAL', apply: debit });
}
