import { type BalanceState, credit, debit, EMPTY_BALANCE, totalOf } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { balanceView } from '../accounts/views';
import { SameAccountError, UnknownPayeeError } from '../errors';
import { type IdempotencyRequest, idempotencyRecordPut } from '../idempotency/idempotency-record';
import { ulid } from '../ids/ulid';
import { runRequestUnderLease, type StepWrite } from '../lease/run-under-lease';
import type { Balances } from '../lease/stale-balance';
import { type LedgerEntry, ledgerEntryPut } from '../ledger/ledger-entry';
import { CASH } from '../money/assets';
import { type Executed, type Outcome, rejectionOf } from '../outcomes/outcome';
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

/**
 * The payer's debit, the payee's credit and both ledger entries, computed on the states judged. An
 * account exists once its balance item does, that is from its first committed change on (in
 * practice, its first deposit); the balance item is never deleted, so version 0 means "no account".
 */
function settle(command: TransferCommand, payer: BalanceState, payee: BalanceState | undefined) {
  const { userId, to, amount, memo } = command;
  if (to === userId) throw new SameAccountError();
  if (!payee || payee.version === 0) throw new UnknownPayeeError(to);
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
  const entry = (
    type: 'TRANSFER_OUT' | 'TRANSFER_IN',
    signed: bigint,
    after: BalanceState,
    counterparty: string,
  ) =>
    ({
      id: ulid(),
      type,
      asset: CASH,
      amount: signed,
      balanceAfter: totalOf(after, CASH),
      transferId: transfer.transferId,
      counterparty,
      memo,
      createdAt: transfer.createdAt,
    }) satisfies LedgerEntry;
  return {
    transfer,
    payerAfter,
    payeeAfter,
    out: entry('TRANSFER_OUT', -amount, payerAfter, to),
    in: entry('TRANSFER_IN', amount, payeeAfter, userId),
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
  const readPayee = async (): Promise<Balances> =>
    to === userId ? new Map() : new Map([[to, await readBalance(to)]]);
  return runRequestUnderLease(
    userId,
    'transfer',
    idempotency,
    async ({ before, balances, write }) => {
      const payee = balances.get(to);
      let outcome: Outcome;
      let effect: Effect;
      try {
        const settled = settle(command, before, payee);
        outcome = {
          status: 'completed',
          result: { transfer: transferView(settled.transfer), balance: balanceView(settled.payerAfter) },
        };
        effect = {
          after: settled.payerAfter,
          credited: [{ userId: to, before: payee ?? EMPTY_BALANCE, after: settled.payeeAfter }],
          ledger: [ledgerEntryPut(userId, settled.out), ledgerEntryPut(to, settled.in)],
        };
      } catch (error) {
        const rejection = rejectionOf(error, command.requestId);
        if (!rejection) throw error;
        outcome = rejection;
        // An unknown payee is judged on its absence, which the transaction checks too.
        effect =
          error instanceof UnknownPayeeError ? { credited: [{ userId: to, before: EMPTY_BALANCE }] } : {};
      }
      const record = idempotency ? idempotencyRecordPut(userId, idempotency, outcome) : undefined;
      await write({ ...effect, items: { record, ledger: effect.ledger }, release: true, step: 'transfer' });
      return { outcome, replayed: false };
    },
    readPayee,
  );
}
