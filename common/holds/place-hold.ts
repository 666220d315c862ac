import type { BalanceState } from '../accounts/balance-state';
import { type IdempotencyRequest, idempotencyRecordPut } from '../idempotency/idempotency-record';
import { runRequestUnderLease } from '../lease/run-under-lease';
import type { CheckedBalance } from '../lease/write-under-lease';
import { chargeDailyLimit } from '../limits/daily-limits';
import { CASH } from '../money/amounts';
import { type Executed, type Outcome, rejectionOf } from '../outcomes/outcome';
import type { TransactItem } from '../storage/transact';
import { payableAccount, payeeChecksOfRefusal, payeeReader } from '../transfers/payee';
import { holdView } from './hold';
import { holdFunds, newHold } from './hold-settlement';
import { newHoldPuts } from './hold-store';

export interface PlaceHoldCommand {
  /** The payer: the caller. */
  readonly userId: string;
  readonly to: string;
  /** Cents, already validated as positive and within limits. */
  readonly amount: bigint;
  /** Already validated within HOLD_EXPIRY_SECONDS. */
  readonly expiresInSeconds: number;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

/**
 * Escrow, phase one: the amount moves from the payer's available cash to held, and the hold appears,
 * in one fenced transaction under the payer's lease; two round trips uncontended, as a transfer. The
 * payee is only judged (it must have an account), not changed. A refusal is written with check-only
 * conditions on the states it was judged on.
 */
export async function placeHold(command: PlaceHoldCommand): Promise<Executed> {
  const { userId, to, idempotency } = command;
  return runRequestUnderLease(
    userId,
    'hold',
    idempotency,
    async ({ before, balances, write }) => {
      let outcome: Outcome;
      let after: BalanceState | undefined;
      let hold: TransactItem[] | undefined;
      let checked: readonly CheckedBalance[];
      try {
        // An account, once it exists, always will: the payee is judged but not checked in the write,
        // so holds for a busy payee never race for its balance version.
        payableAccount(userId, to, balances);
        const placed = newHold({
          userId,
          asset: CASH,
          amount: command.amount,
          purpose: { payee: to },
          expiresInSeconds: command.expiresInSeconds,
        });
        // Held funds are on their way out of the account, so a hold counts toward the withdrawal
        // limit when it is placed, as a transfer does; a void or expiry does not give the use back.
        after = chargeDailyLimit(
          holdFunds(before, placed),
          'withdrawal',
          command.amount,
          new Date(placed.createdAt),
        );
        hold = newHoldPuts(placed);
        checked = [];
        outcome = { status: 'completed', result: holdView(placed) };
      } catch (error) {
        const rejection = rejectionOf(error, command.requestId);
        if (!rejection) throw error;
        outcome = rejection;
        checked = payeeChecksOfRefusal(error, to);
      }
      const record = idempotency ? idempotencyRecordPut(userId, idempotency, outcome) : undefined;
      await write({ after, checked, items: { record, hold }, release: true, step: 'hold' });
      return { outcome, replayed: false };
    },
    { read: payeeReader(userId, to) },
  );
}
