import { type BalanceState, credit, debit } from '../accounts/balance-state';
import { balanceView } from '../accounts/views';
import { type IdempotencyRequest, idempotencyRecordPut } from '../idempotency/idempotency-record';
import { ulid } from '../ids/ulid';
import { runRequestUnderLease, type StepWrite } from '../lease/run-under-lease';
import type { Balances } from '../lease/stale-balance';
import { ledgerEntryPut } from '../ledger/ledger-entry';
import { CASH } from '../money/assets';
import { type Executed, type Outcome, rejectionOf } from '../outcomes/outcome';
import { payableAccount, payeeChecksOfRefusal, payeeReader } from './payee';
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
type Effect = Pick<StepWrite, 'after' | 'credited'> & { readonly ledger?: StepWrite['items']['ledger'] };

/** The payer's debit, the payee's credit and both ledger entries, computed on the states judged. */
function settle(command: TransferCommand, payer: BalanceState, balances: Balances) {
  const { userId, to, amount, memo } = command;
  const payee = payableAccount(userId, to, balances);
  const payerAfter = debit(payer, CASH, amount);
  const payeeAfter = credit(payee, CASH, amount);
  const transfer: Transfer = {
    transferId: ulid(),
    from: userId,
    to,
    amount,
    memo,
    createdAt: new Date().toISOString(),
  };
  return {
    transfer,
    payerAfter,
    payee,
    payeeAfter,
    ...paymentEntries({ ...transfer, payerAfter, payeeAfter }),
  };
}

/**
 * A payment from the caller to another user: two round trips uncontended. The payer's lock is taken
 * while the payee's balance is read; then one fenced transaction debits the payer, credits the payee,
 * appends both ledger entries, records the idempotency key and releases the lock. The payee's lock is
 * never taken: a credit cannot invalidate anything its holder decided, and the payee's balance
 * compare-and-set keeps its version and ledger chain exact (ADR 0006). A refusal is written with
 * check-only conditions on the states it was judged on, as a refused withdrawal is.
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
          credited: [{ userId: to, before: settled.payee, after: settled.payeeAfter }],
          ledger: [ledgerEntryPut(userId, settled.out), ledgerEntryPut(to, settled.in)],
        };
      } catch (error) {
        outcome = rejectionOf(error, command.requestId);
        // An unknown payee is judged on its absence, which the transaction checks too.
        effect = { credited: payeeChecksOfRefusal(error, to) };
      }
      const record = idempotency ? idempotencyRecordPut(userId, idempotency, outcome) : undefined;
      await write({ ...effect, items: { record, ledger: effect.ledger }, release: true, step: 'transfer' });
      return { outcome, replayed: false };
    },
    payeeReader(userId, to),
  );
}
