import { type BalanceState, credit, debit } from '../accounts/balance-state';
import { balanceView } from '../accounts/views';
import { type IdempotencyRequest, idempotencyRecordPut } from '../idempotency/idempotency-record';
import { ulid } from '../ids/ulid';
import { runRequestUnderLease, type StepWrite } from '../lease/run-under-lease';
import type { Balances } from '../lease/stale-balance';
import { ledgerEntryPut } from '../ledger/ledger-entry';
import { chargeDailyLimit } from '../limits/daily-limits';
import { CASH } from '../money/amounts';
import { type Executed, type Outcome, rejectionOf } from '../outcomes/outcome';
import { payableAccount } from './payee';
import { paymentEntries } from './payment-entries';
import { type Transfer, transferView } from './transfer';

export interface TransferCommand {
  /** The payer: the caller. */
  readonly userId: string;
  readonly to: string;
  /** Cents, already validated as positive and within limits. */
  readonly amount: bigint;
  readonly memo?: string;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

/** What the transfer writes besides the outcome: the balances it changes or checks, and its entries. */
type Effect = Pick<StepWrite, 'after' | 'others'> & { readonly ledger?: StepWrite['items']['ledger'] };

/**
 * The payer's debit, the payee's credit and both ledger entries, computed on the states judged; the
 * payee must have an account (`payableAccount`), and the entries are a payment's (`paymentEntries`),
 * as a hold's capture writes them. Money leaving the payer counts toward the payer's daily withdrawal limit, on the payer's balance
 * item that this transaction compare-and-sets (ADR 0010); a payee's deposit limit is not touched.
 */
function settle(command: TransferCommand, payer: BalanceState, balances: Balances) {
  const { userId, to, amount, memo } = command;
  const payee = payableAccount(userId, to, balances);
  // One instant decides both the UTC day counted and the entries' createdAt.
  const now = new Date();
  const payerAfter = chargeDailyLimit(debit(payer, CASH, amount), 'withdrawal', amount, now);
  const payeeAfter = credit(payee, CASH, amount);
  const transfer: Transfer = {
    transferId: ulid(),
    from: userId,
    to,
    amount,
    memo,
    createdAt: now.toISOString(),
  };
  return { transfer, payerAfter, payeeAfter, ...paymentEntries({ ...transfer, payerAfter, payeeAfter }) };
}

/**
 * A payment from the caller to another user: two round trips uncontended. The payer's and the
 * payee's locks are taken at once (in ascending user-id order when either is held, so two users
 * paying each other cannot deadlock); their snapshots are the balances judged. Then one transaction,
 * fenced on both leases, debits the payer, credits the payee, appends both ledger entries, records
 * the idempotency key and releases both locks. Payments to one payee pass through its lock one at a
 * time, in arrival order (ADR 0006). A refusal is written with check-only conditions on the states
 * it was judged on, as a refused withdrawal is; for an unknown payee that is its absence.
 */
export async function transferMoney(command: TransferCommand): Promise<Executed> {
  const { userId, to, idempotency } = command;
  return runRequestUnderLease(
    userId,
    'transfer',
    idempotency,
    async ({ before, balances, write }) => {
      let outcome: Outcome;
      let effect: Effect;
      try {
        const settled = settle(command, before, balances);
        outcome = {
          status: 'completed',
          result: { transfer: transferView(settled.transfer), balance: balanceView(settled.payerAfter) },
        };
        effect = {
          after: settled.payerAfter,
          others: new Map([[to, settled.payeeAfter]]),
          ledger: [ledgerEntryPut(userId, settled.out), ledgerEntryPut(to, settled.in)],
        };
      } catch (error) {
        const rejection = rejectionOf(error, command.requestId);
        if (!rejection) throw error;
        outcome = rejection;
        effect = {};
      }
      const record = idempotency ? idempotencyRecordPut(userId, idempotency, outcome) : undefined;
      await write({ ...effect, items: { record, ledger: effect.ledger }, release: true, step: 'transfer' });
      return { outcome, replayed: false };
    },
    { locked: to === userId ? [] : [to] },
  );
}
