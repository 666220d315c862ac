import { type BalanceState, credit, debit } from '../accounts/balance-state';
import { balanceView } from '../accounts/views';
import { ulid } from '../ids/ulid';
import type { Balances } from '../lease/stale-balance';
import { ledgerEntryPut } from '../ledger/ledger-entry';
import { chargeDailyLimit } from '../limits/daily-limits';
import { CASH } from '../money/amounts';
import { type Outcome, rejectionOf } from '../outcomes/outcome';
import type { TransactItem } from '../storage/transact';
import { payableAccount } from './payee';
import { paymentEntries } from './payment-entries';
import { type Transfer, transferView } from './transfer';

/** What a transfer asks for, whoever applies it: the payer's own request, or a holder of the payee's lock. */
export interface TransferTerms {
  /** The payer. */
  readonly userId: string;
  readonly to: string;
  /** Cents, already validated as positive and within limits. */
  readonly amount: bigint;
  readonly memo?: string;
  readonly requestId: string;
}

/** A transfer judged: its outcome, and, when it completes, both new balances and both ledger entries. */
export interface JudgedTransfer {
  readonly outcome: Outcome;
  readonly payerAfter?: BalanceState;
  readonly payeeAfter?: BalanceState;
  readonly ledger: readonly TransactItem[];
}

/**
 * The payer's debit, the payee's credit and both ledger entries, computed on the states judged; the
 * payee must have an account (`payableAccount`), and the entries are a payment's (`paymentEntries`),
 * as a hold's capture writes them. Money leaving the payer counts toward the payer's daily withdrawal
 * limit, on the payer's balance item the applying transaction compare-and-sets (ADR 0010); a payee's
 * deposit limit is not touched. A business refusal is an outcome, with no balance changed.
 */
export function judgeTransfer(terms: TransferTerms, payer: BalanceState, balances: Balances): JudgedTransfer {
  const { userId, to, amount, memo } = terms;
  try {
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
    const entries = paymentEntries({ ...transfer, payerAfter, payeeAfter });
    return {
      outcome: {
        status: 'completed',
        result: { transfer: transferView(transfer), balance: balanceView(payerAfter) },
      },
      payerAfter,
      payeeAfter,
      ledger: [ledgerEntryPut(userId, entries.out), ledgerEntryPut(to, entries.in)],
    };
  } catch (error) {
    const rejection = rejectionOf(error, terms.requestId);
    if (!rejection) throw error;
    return { outcome: rejection, ledger: [] };
  }
}
