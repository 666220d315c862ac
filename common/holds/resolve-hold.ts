import { type BalanceState, credit, holdingOf } from '../accounts/balance-state';
import {
  type DomainError,
  ForbiddenError,
  HoldAlreadyCapturedError,
  HoldAlreadyVoidedError,
  HoldExpiredError,
  NotFoundError,
} from '../errors';
import {
  findLiveIdempotencyRecord,
  type IdempotencyRequest,
  idempotencyRecordPut,
  replayOf,
} from '../idempotency/idempotency-record';
import { ulid } from '../ids/ulid';
import {
  type LeasedStep,
  type OtherAccounts,
  runRequestUnderLease,
  type StepWrite,
} from '../lease/run-under-lease';
import { ItemConditionFailed } from '../lease/write-under-lease';
import { ledgerEntryPut } from '../ledger/ledger-entry';
import { type Executed, type Outcome, rejectionOf } from '../outcomes/outcome';
import { paymentEntries } from '../transfers/payment-entries';
import { type Hold, holdView, partiesOf, payeeOf } from './hold';
import { assertResolvable, captureFunds, releaseFunds, resolvedHold } from './hold-settlement';
import { holdFromItem, holdPendingCheck, readHold, resolveHoldWrites } from './hold-store';

/** Who asks: a party of the hold, or an admin. */
export interface Requester {
  readonly userId: string;
  readonly isAdmin: boolean;
}

export interface ResolveHoldCommand {
  readonly requester: Requester;
  readonly holdId: string;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

export interface CaptureHoldCommand extends ResolveHoldCommand {
  /** Cents, already validated as positive; the whole hold when absent. */
  readonly amount?: bigint;
}

/** What a resolution writes under the payer's lease, besides the idempotency record. */
interface Resolution {
  readonly outcome: Outcome;
  readonly write: Pick<StepWrite, 'after' | 'others'> & { readonly items: StepWrite['items'] };
}

/**
 * A hold between two users that the requester (a party, or an admin) may see; any other, and any
 * hold of an order, is simply not found.
 */
export async function findVisibleHold(
  holdId: string,
  requester: Requester,
): Promise<Hold & { payee: string }> {
  const hold = await readHold(holdId);
  const payee = hold && payeeOf(hold);
  if (!hold || payee === undefined || !(requester.isAdmin || partiesOf(hold).includes(requester.userId))) {
    throw new NotFoundError('There is no hold with that id between this account and another.');
  }
  return { ...hold, payee };
}

/**
 * The lock is the payer's, the key is the requester's. A key marks the lock so that a duplicate can
 * be told "in progress"; a requester other than the payer marks it with its own id too (`#` is not
 * allowed in keys), so its key can never pass for one of the payer's own.
 */
function lockMark(requester: string, payer: string, idempotency?: IdempotencyRequest) {
  if (!idempotency || requester === payer) return idempotency;
  return { ...idempotency, key: `${requester}#${idempotency.key}` };
}

/** The 409 a hold resolved first earns, from a refusal met before or during the write. */
function conflictOf(error: unknown): DomainError | undefined {
  if (
    error instanceof HoldAlreadyCapturedError ||
    error instanceof HoldAlreadyVoidedError ||
    error instanceof HoldExpiredError
  ) {
    return error;
  }
  const stored = error instanceof ItemConditionFailed ? error.failed('hold')?.item : undefined;
  if (!stored) return undefined;
  try {
    assertResolvable(holdFromItem(stored));
  } catch (conflict) {
    return conflictOf(conflict);
  }
  return undefined;
}

/**
 * The held amount is on the payer's balance while the hold is PENDING. When the lease's state holds
 * less, the hold was resolved since it was read: its current state says how.
 */
async function assertStillHeld(before: BalanceState, hold: Hold): Promise<void> {
  if (holdingOf(before, hold.asset).held >= hold.amount) return;
  const current = await readHold(hold.holdId);
  if (current) assertResolvable(current);
  throw new Error(`Hold ${hold.holdId} is PENDING but ${hold.userId} holds less than its amount`);
}

/**
 * Capture and void alike: under the payer's lease (and, for a capture, the payee's), one fenced
 * transaction resolves the hold (its condition: still PENDING and unexpired), changes the balances,
 * and records the requester's key.
 * A hold met resolved answers its 409, unless this very request resolved it: then the replay.
 */
async function resolveHold(
  command: ResolveHoldCommand,
  hold: Hold,
  step: string,
  resolve: (leased: LeasedStep) => Resolution,
  others?: OtherAccounts,
): Promise<Executed> {
  const { requester, idempotency } = command;
  try {
    assertResolvable(hold);
    return await runRequestUnderLease(
      hold.userId,
      'hold',
      lockMark(requester.userId, hold.userId, idempotency),
      async (leased) => {
        await assertStillHeld(leased.before, hold);
        let resolution: Resolution;
        try {
          resolution = resolve(leased);
        } catch (error) {
          const rejection = rejectionOf(error, command.requestId);
          if (!rejection) throw error;
          resolution = {
            outcome: rejection,
            write: { items: { hold: holdPendingCheck(hold) } },
          };
        }
        const { outcome, write } = resolution;
        const record = idempotency ? idempotencyRecordPut(requester.userId, idempotency, outcome) : undefined;
        await leased.write({ ...write, items: { ...write.items, record }, release: true, step });
        return { outcome, replayed: false };
      },
      others,
    );
  } catch (error) {
    const conflict = conflictOf(error);
    if (!conflict) throw error;
    const record = idempotency && (await findLiveIdempotencyRecord(requester.userId, idempotency.key));
    if (record && idempotency) return replayOf(record, idempotency);
    throw conflict;
  }
}

/**
 * Phase two: `amount` (the whole hold by default) leaves the payer's held cash for the payee's
 * available cash, and the rest goes back to the payer's available, all in one transaction. The
 * payment writes TRANSFER_OUT and TRANSFER_IN entries naming the hold. Only the payer or an admin may
 * capture.
 */
export async function captureHold(command: CaptureHoldCommand): Promise<Executed> {
  const hold = await findVisibleHold(command.holdId, command.requester);
  if (!(command.requester.isAdmin || command.requester.userId === hold.userId)) {
    throw new ForbiddenError('Only the payer of a hold, or an admin, can capture it.');
  }
  const amount = command.amount ?? hold.amount;
  return resolveHold(
    command,
    hold,
    `capture ${hold.holdId}`,
    ({ before, balances }) => {
      const payerAfter = captureFunds(before, hold, amount);
      const payeeBefore = balances.get(hold.payee);
      if (!payeeBefore) throw new Error(`The payee ${hold.payee} of hold ${hold.holdId} was not leased`);
      const payeeAfter = credit(payeeBefore, hold.asset, amount);
      const resolved = resolvedHold(hold, 'CAPTURED', amount);
      const entries = paymentEntries({
        transferId: ulid(),
        from: hold.userId,
        to: hold.payee,
        amount,
        payerAfter,
        payeeAfter,
        holdId: hold.holdId,
        createdAt: resolved.updatedAt,
      });
      return {
        outcome: { status: 'completed', result: holdView(resolved) },
        write: {
          after: payerAfter,
          others: new Map([[hold.payee, payeeAfter]]),
          items: {
            hold: resolveHoldWrites(resolved, 'unexpired'),
            ledger: [ledgerEntryPut(hold.userId, entries.out), ledgerEntryPut(hold.payee, entries.in)],
          },
        },
      };
    },
    { locked: [hold.payee] },
  );
}

/**
 * The whole hold goes back to the payer's available cash; ledger-neutral, as available + held does
 * not change. The payer, the payee (declining the payment) or an admin may void.
 */
export async function voidHold(command: ResolveHoldCommand): Promise<Executed> {
  const hold = await findVisibleHold(command.holdId, command.requester);
  return resolveHold(command, hold, `void ${hold.holdId}`, ({ before }) => {
    const resolved = resolvedHold(hold, 'VOIDED', 0n);
    return {
      outcome: { status: 'completed', result: holdView(resolved) },
      write: { after: releaseFunds(before, hold), items: { hold: resolveHoldWrites(resolved, 'unexpired') } },
    };
  });
}
