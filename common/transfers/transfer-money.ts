import type { IdempotencyRequest } from '../idempotency/idempotency-record';
import { idempotencyRecordPut } from '../idempotency/idempotency-record';
import { runRequestUnderLease } from '../lease/run-under-lease';
import { contendedRepeatedly } from '../lease/user-lock';
import type { Executed } from '../outcomes/outcome';
import { PARK_AFTER_CONTENTIONS } from '../parking/park-after-contentions';
import { judgeTransfer, type TransferTerms } from './judge-transfer';
import { transferWhilePayeeBusy } from './pay-busy-payee';

export { PARK_AFTER_CONTENTIONS } from '../parking/park-after-contentions';

export interface TransferCommand extends TransferTerms {
  readonly idempotency?: IdempotencyRequest;
}

/**
 * A payment from the caller to another user: two round trips uncontended. The payer's and the
 * payee's locks are taken at once (in ascending user-id order when either is held, so two users
 * paying each other cannot deadlock); their snapshots are the balances judged (`judgeTransfer`).
 * Then one transaction, fenced on both leases, debits the payer, credits the payee, appends both
 * ledger entries, records the idempotency key and releases both locks. A refusal is written with
 * check-only conditions on the states it was judged on, as a refused withdrawal is; for an unknown
 * payee that is its absence.
 *
 * A payee whose lock this process keeps finding busy (a merchant paid by many at once) is not
 * queued for: the payment is parked at the payee's lock, and the lock's next holder applies every
 * payment parked there in one transaction (ADR 0014).
 */
export async function transferMoney(command: TransferCommand): Promise<Executed> {
  const { userId, to, idempotency } = command;
  if (to !== userId && contendedRepeatedly(to, PARK_AFTER_CONTENTIONS))
    return transferWhilePayeeBusy(command);
  return runRequestUnderLease(
    userId,
    'transfer',
    idempotency,
    async ({ before, balances, write }) => {
      const judged = judgeTransfer(command, before, balances);
      const record = idempotency ? idempotencyRecordPut(userId, idempotency, judged.outcome) : undefined;
      await write({
        after: judged.payerAfter,
        others: judged.payeeAfter ? new Map([[to, judged.payeeAfter]]) : undefined,
        items: { record, ledger: judged.ledger },
        release: true,
        step: 'transfer',
      });
      return { outcome: judged.outcome, replayed: false };
    },
    { locked: to === userId ? [] : [to] },
  );
}
