import { randomUUID } from 'node:crypto';
import { readBalance } from '../accounts/balance-store';
import { LockedError } from '../errors';
import {
  findLiveIdempotencyRecord,
  type IdempotencyRequest,
  replayOf,
} from '../idempotency/idempotency-record';
import { acquireForRequest } from '../lease/acquire-for-request';
import { LOCK_WAIT_BUDGET_MS } from '../lease/lease-durations';
import { isFree, type LockState, queueIsEmpty, retryAfterMs } from '../lease/lock-queue';
import { readLockState } from '../lease/lock-queue-store';
import { listParkedRequests, parkRequest, unparkRequest } from '../lease/parked-requests';
import {
  type Lease,
  mayTakeUnqueuedLock,
  releaseUserLock,
  rememberContention,
  takeUnqueuedLock,
} from '../lease/user-lock';
import type { Executed } from '../outcomes/outcome';
import { applyParkedRequests } from '../parking/apply-parked-requests';
import type { StoredItem } from '../storage/transact';
import { type ParkedTransfer, parkedTransferId, storedForm } from './parked-transfer';
import type { TransferCommand } from './transfer-money';

/**
 * The fingerprint of a request sent without an Idempotency-Key. Its outcome is still recorded, under a
 * key of its own, because the record is how a parked payment's outcome reaches its poster.
 */
const UNKEYED_FINGERPRINT = 'unkeyed';
/**
 * A poster looks for its outcome after a first pause, then further apart as it waits longer, with
 * jitter, and at the locks every few looks. A payment applied in the first batch is answered within
 * tens of milliseconds, while a line of posters does not flood the table with reads that slow the
 * very holder they wait for.
 */
const FIRST_LOOK_MS = 50;
const LOOK_BACKOFF = 1.4;
const LONGEST_LOOK_MS = 200;
const LOOK_JITTER_MS = 10;
const LOCK_LOOK_EVERY = 3;
/** The first looks read the locks too: on a lightly contended payee the lock is soon free to take over. */
const EARLY_LOCK_LOOKS = 2;
const pauseBeforeLook = (looks: number): number =>
  Math.min(LONGEST_LOOK_MS, FIRST_LOOK_MS * LOOK_BACKOFF ** (looks - 1)) + Math.random() * LOOK_JITTER_MS;
/**
 * A poster that has waited this long while someone queues for its own lock steps back: the payee's
 * holder may be a request that waits for the payer's lock, which this poster holds.
 */
const STEP_BACK_AFTER_MS = LOCK_WAIT_BUDGET_MS / 2;
/**
 * Two posters, each holding its own lock and parked at the other's (two users paying each other
 * while both are busy), would wait for each other to the end of their budgets: the one with the
 * greater user id steps back as soon as it sees the other's lock marked as waiting for its own.
 */
const stepsBackFrom = (transfer: ParkedTransfer, payeeLock: LockState | undefined, nowMs: number): boolean =>
  payeeLock !== undefined &&
  !isFree(payeeLock, nowMs) &&
  payeeLock.waitsFor === transfer.userId &&
  transfer.userId > transfer.to;
/** Retry-After for a poster that stepped back so a waiter for its own lock could go first. */
const STEP_BACK_RETRY_AFTER_SECONDS = 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a look finds: the outcome recorded for the payment, and, on some looks, both locks. */
interface Look {
  readonly record?: StoredItem;
  readonly payeeLock?: LockState;
  readonly payerLock?: LockState;
}

async function look(transfer: ParkedTransfer, atLocks: boolean): Promise<Look> {
  const [record, payeeLock, payerLock] = await Promise.all([
    findLiveIdempotencyRecord(transfer.userId, transfer.idempotency.key),
    atLocks ? readLockState(transfer.to) : undefined,
    atLocks ? readLockState(transfer.userId) : undefined,
  ]);
  return { record, payeeLock, payerLock };
}

/**
 * The answer from the payment's record. A record older than the parking belongs to an earlier
 * request with the key: the payment is a duplicate, replayed, and taken back if still parked.
 */
async function answerFrom(record: StoredItem, transfer: ParkedTransfer): Promise<Executed> {
  if (Date.parse(String(record.createdAt)) >= transfer.postedAtMs) {
    return { ...replayOf(record, transfer.idempotency), replayed: false };
  }
  if (await unparkRequest(transfer.to, transfer.id, transfer.payerLease.owner))
    await releaseUserLock(transfer.payerLease);
  // Refuses a key reused for another request, as the ordinary path does.
  return replayOf(record, transfer.idempotency);
}

/**
 * Takes the payment back; if that works, lets the payer's lock go and answers LOCKED. False when it
 * was no longer parked: a holder applied it, and its record is there to answer with.
 */
async function stepBack(transfer: ParkedTransfer, retryAfterSeconds: number): Promise<boolean> {
  if (!(await unparkRequest(transfer.to, transfer.id, transfer.payerLease.owner))) return false;
  await releaseUserLock(transfer.payerLease);
  throw new LockedError(retryAfterSeconds);
}

/**
 * Pays a busy payee without queueing for its lock (ADR 0014). The payer's lock is taken as for any
 * transfer; then the payment, with the payer's lease, is parked at the payee's lock, and whoever
 * holds that lock next applies it, with every other payment parked there, in one transaction
 * (`applyParkedRequests`), and releases the payer's lock in it. The poster waits for the outcome
 * recorded for its key; finding the payee's lock free with nobody queued, it takes the lock and
 * applies the parked payments itself. The poster holds its own lock while it waits, so once it has
 * waited half its budget while someone queues for that lock, it steps back (takes its payment back,
 * releases, answers LOCKED): a holder of the payee's lock waiting for the payer's would otherwise
 * wait for it, and it for them.
 * At the end of the wait budget it takes its payment back and answers LOCKED, unless a holder
 * applied it first.
 */
export async function transferWhilePayeeBusy(command: TransferCommand): Promise<Executed> {
  const started = Date.now();
  const deadline = started + LOCK_WAIT_BUDGET_MS;
  const key = command.idempotency?.key ?? `unkeyed:${randomUUID()}`;
  const idempotency: IdempotencyRequest = command.idempotency ?? { key, fingerprint: UNKEYED_FINGERPRINT };
  const acquired = await acquireForRequest(command.userId, 'transfer', command.idempotency, [], command.to);
  if ('replayed' in acquired) return acquired.replayed;
  const payerLease: Lease = acquired.lease;
  // Parked or not, a payment whose lease is released can no longer be applied.
  const releasing = async (error: unknown): Promise<never> => {
    await releaseUserLock(payerLease);
    throw error;
  };
  const payerBefore = payerLease.snapshot ?? (await readBalance(command.userId).catch(releasing));
  const transfer: ParkedTransfer = {
    id: parkedTransferId(command.userId, key),
    userId: command.userId,
    to: command.to,
    amount: command.amount,
    memo: command.memo,
    requestId: command.requestId,
    idempotency,
    postedAtMs: Date.now(),
    payerLease,
    payerBefore,
  };
  const [, seen] = await Promise.all([
    parkRequest(transfer.to, transfer.id, payerLease.owner, storedForm(transfer)),
    readLockState(transfer.to),
  ]).catch(releasing);
  return awaitOutcome(transfer, seen, deadline);
}

/** The poster's wait, from parking to the answer. */
async function awaitOutcome(transfer: ParkedTransfer, seen: LockState, deadline: number): Promise<Executed> {
  const { to } = transfer;
  const first = { atMs: Date.now(), fence: seen.fence };
  let last = { atMs: first.atMs, state: seen };
  let current: Look = { payeeLock: seen };
  let takenBackBySomeoneElse = false;
  try {
    for (let looks = 1; !current.record; looks++) {
      // Neither parked nor recorded: a holder retired it, its lease being gone. Nothing was applied.
      if (takenBackBySomeoneElse) {
        await releaseUserLock(transfer.payerLease);
        throw new LockedError(1);
      }
      const now = Date.now();
      if (now >= deadline) {
        takenBackBySomeoneElse = !(await stepBack(transfer, retryAfterMs({ first, last }, undefined) / 1000));
      } else if (
        stepsBackFrom(transfer, current.payeeLock, now) ||
        (current.payerLock &&
          !queueIsEmpty(current.payerLock) &&
          now - transfer.postedAtMs >= STEP_BACK_AFTER_MS)
      ) {
        takenBackBySomeoneElse = !(await stepBack(transfer, STEP_BACK_RETRY_AFTER_SECONDS));
      } else if (current.payeeLock && mayTakeUnqueuedLock(current.payeeLock, now)) {
        const [lease, waiting] = await Promise.all([
          takeUnqueuedLock(to, 'transfer', current.payeeLock),
          listParkedRequests(to),
        ]);
        if (lease) await applyParkedRequests(lease, waiting);
      } else {
        rememberContention(to, now);
        await sleep(Math.min(pauseBeforeLook(looks), deadline - now));
      }
      current = await look(transfer, looks <= EARLY_LOCK_LOOKS || looks % LOCK_LOOK_EVERY === 0);
      if (current.payeeLock) last = { atMs: Date.now(), state: current.payeeLock };
    }
  } catch (error) {
    // Never leave a payment parked that the caller was told failed: take it back, or, if a holder
    // applied it meanwhile, answer with what it recorded.
    if (error instanceof LockedError) throw error;
    if (await unparkRequest(to, transfer.id, transfer.payerLease.owner).catch(() => true)) {
      await releaseUserLock(transfer.payerLease).catch(() => undefined);
      throw error;
    }
    current = await look(transfer, false);
  }
  if (!current.record) throw new LockedError(1);
  return answerFrom(current.record, transfer);
}
