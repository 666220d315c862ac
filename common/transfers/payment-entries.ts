import { type BalanceState, totalOf } from '../accounts/balance-state';
import { ulid } from '../ids/ulid';
import type { LedgerEntry } from '../ledger/ledger-entry';
import { CASH } from '../money/amounts';

/** Cash paid from one user to another: a transfer, or the captured part of a hold. */
export interface Payment {
  readonly transferId: string;
  readonly from: string;
  readonly to: string;
  /** Cents. */
  readonly amount: bigint;
  readonly payerAfter: BalanceState;
  readonly payeeAfter: BalanceState;
  readonly memo?: string;
  /** The hold the payment captures, if it is one. */
  readonly holdId?: string;
  readonly createdAt: string;
}

/** A payment's two ledger entries: TRANSFER_OUT on the payer, TRANSFER_IN on the payee, sharing its id. */
export function paymentEntries(payment: Payment): { readonly out: LedgerEntry; readonly in: LedgerEntry } {
  const entry = (
    type: 'TRANSFER_OUT' | 'TRANSFER_IN',
    signed: bigint,
    after: BalanceState,
    counterparty: string,
  ): LedgerEntry => ({
    id: ulid(),
    type,
    asset: CASH,
    amount: signed,
    balanceAfter: totalOf(after, CASH),
    transferId: payment.transferId,
    counterparty,
    memo: payment.memo,
    holdId: payment.holdId,
    createdAt: payment.createdAt,
  });
  return {
    out: entry('TRANSFER_OUT', -payment.amount, payment.payerAfter, payment.to),
    in: entry('TRANSFER_IN', payment.amount, payment.payeeAfter, payment.from),
  };
}
