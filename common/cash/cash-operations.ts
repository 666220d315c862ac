import type { IdempotencyRequest } from '../idempotency/idempotency-record';
import { idempotencyRecordPut } from '../idempotency/idempotency-record';
import { runRequestUnderLease } from '../lease/run-under-lease';
import { contendedRepeatedly } from '../lease/user-lock';
import type { Executed } from '../outcomes/outcome';
import { PARK_AFTER_CONTENTIONS } from '../parking/park-after-contentions';
import { runWhileOwnLockBusy } from '../parking/run-while-own-lock-busy';
import { type CashMovementKind, judgeCashMovement } from './judge-cash-movement';

export interface CashCommand {
  readonly userId: string;
  /** Cents, already validated as positive and within limits. */
  readonly amount: bigint;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

/**
 * Deposit and withdrawal: take the lock, then one fenced transaction that changes the balance and
 * the day's usage of its limit, appends the ledger entry, records the idempotency key and releases
 * the lock: two round trips in all. A user whose lock this process keeps finding busy (a hot
 * account) is not queued for: the request is parked at the lock, and the lock's next holder applies
 * it with everything else parked there in one transaction (ADR 0015).
 */
async function moveCash(command: CashCommand, kind: CashMovementKind): Promise<Executed> {
  const { userId, idempotency } = command;
  if (contendedRepeatedly(userId, PARK_AFTER_CONTENTIONS))
    return runWhileOwnLockBusy({ ...command, terms: { kind, amount: command.amount } });
  return runRequestUnderLease(userId, kind, idempotency, async ({ before, write }) => {
    const judged = judgeCashMovement(userId, kind, command.amount, before, command.requestId, new Date());
    const record = idempotency ? idempotencyRecordPut(userId, idempotency, judged.outcome) : undefined;
    await write({ after: judged.after, items: { record, ledger: judged.ledger }, release: true, step: kind });
    return { outcome: judged.outcome, replayed: false };
  });
}

export function deposit(command: CashCommand): Promise<Executed> {
  return moveCash(command, 'deposit');
}

export function withdraw(command: CashCommand): Promise<Executed> {
  return moveCash(command, 'withdraw');
}
