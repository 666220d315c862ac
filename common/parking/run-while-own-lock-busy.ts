import { randomUUID } from 'node:crypto';
import { IdempotencyInProgressError, LockedError } from '../errors';
import {
  findLiveIdempotencyRecord,
  type IdempotencyRequest,
  recordedOutcome,
  replayOf,
} from '../idempotency/idempotency-record';
import { type LeasePurpose, LOCK_WAIT_BUDGET_MS } from '../lease/lease-durations';
import { type LockState, retryAfterMs } from '../lease/lock-queue';
import { readLockState } from '../lease/lock-queue-store';
import { listParkedRequests, parkRequest, unparkRequest } from '../lease/parked-requests';
import { mayTakeUnqueuedLock, rememberContention, takeUnqueuedLock } from '../lease/user-lock';
import type { Executed } from '../outcomes/outcome';
import type { StoredItem } from '../storage/transact';
import { applyParkedRequests } from './apply-parked-requests';
import {
  type OwnRequestTerms,
  ownRequestStoredForm,
  type ParkedOwnRequest,
  parkedOwnRequestId,
} from './parked-own-request';

export interface OwnRequestCommand {
  readonly userId: string;
  readonly terms: OwnRequestTerms;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

/**
 * The fingerprint of a request sent without an Idempotency-Key. Its outcome is still recorded, under a
 * key of its own, because the record is how a parked request's outcome reaches its poster.
 */
const UNKEYED_FINGERPRINT = 'unkeyed';
/**
 * A poster looks for its outcome after a first pause, then further apart as it waits longer, with
 * jitter, and at the lock on its first looks and every few after: a request applied in the first
 * batch is answered within tens of milliseconds, while a crowd of posters does not flood the table
 * with reads that slow the very holder they wait for (the same pacing as a parked payment's).
 */
const FIRST_LOOK_MS = 50;
const LOOK_BACKOFF = 1.4;
const LONGEST_LOOK_MS = 200;
const LOOK_JITTER_MS = 10;
const LOCK_LOOK_EVERY = 3;
const EARLY_LOCK_LOOKS = 2;
const pauseBeforeLook = (looks: number): number =>
  Math.min(LONGEST_LOOK_MS, FIRST_LOOK_MS * LOOK_BACKOFF ** (looks - 1)) + Math.random() * LOOK_JITTER_MS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PURPOSES: Readonly<Record<OwnRequestTerms['kind'], LeasePurpose>> = {
  deposit: 'deposit',
  withdraw: 'withdraw',
  order: 'order',
};

/**
 * A deposit, withdrawal or market order of a user whose lock stays busy, without queueing for the
 * lock (ADR 0015). The request is parked beside the lock, and whoever holds the lock next applies
 * it, with every other request parked there, in one transaction (`applyParkedRequests`). The poster
 * holds nothing while it waits, so it cannot be part of a cycle: it reads its key's idempotency
 * record, which that transaction writes, and finding the lock free with nobody queued, it takes the
 * lock and applies the parked requests itself. At the end of the wait budget it takes its request
 * back and answers LOCKED, unless a holder applied it first.
 */
export async function runWhileOwnLockBusy(command: OwnRequestCommand): Promise<Executed> {
  const { userId } = command;
  const postedAtMs = Date.now();
  const key = command.idempotency?.key ?? `unkeyed:${randomUUID()}`;
  const request: ParkedOwnRequest = {
    id: parkedOwnRequestId(userId, key),
    userId,
    terms: command.terms,
    requestId: command.requestId,
    idempotency: command.idempotency ?? { key, fingerprint: UNKEYED_FINGERPRINT },
    postedAtMs,
    giveUpAtMs: postedAtMs + LOCK_WAIT_BUDGET_MS,
    poster: `poster:${randomUUID()}`,
  };
  const [parked, seen] = await Promise.all([
    parkRequest(userId, request.id, request.poster, ownRequestStoredForm(request), true),
    readLockState(userId),
  ]);
  if (!parked) {
    // Another request with this key is parked right now; a record would mean it already finished.
    const record = await findLiveIdempotencyRecord(userId, key);
    if (record) return replayOf(record, request.idempotency);
    throw new IdempotencyInProgressError();
  }
  return awaitOutcome(request, seen);
}

/** The poster's wait, from parking to the answer. */
async function awaitOutcome(request: ParkedOwnRequest, seen: LockState): Promise<Executed> {
  const { userId, id, poster } = request;
  const { key } = request.idempotency;
  const first = { atMs: Date.now(), fence: seen.fence };
  let last = { atMs: first.atMs, state: seen };
  let lock: LockState | undefined = seen;
  let record: StoredItem | undefined;
  try {
    for (let looks = 1; !record; looks++) {
      const now = Date.now();
      if (now >= request.giveUpAtMs) {
        if (await unparkRequest(userId, id, poster))
          throw new LockedError(retryAfterMs({ first, last }, undefined) / 1000);
        // Out of the index already: applied (its record is there now) or retired by a holder.
        record = await findLiveIdempotencyRecord(userId, key);
        if (!record) throw new LockedError(1);
        break;
      }
      if (lock && mayTakeUnqueuedLock(lock, now)) {
        const [lease, waiting] = await Promise.all([
          takeUnqueuedLock(userId, PURPOSES[request.terms.kind], lock),
          listParkedRequests(userId),
        ]);
        if (lease) await applyParkedRequests(lease, waiting);
      } else {
        rememberContention(userId, now);
        await sleep(Math.min(pauseBeforeLook(looks), request.giveUpAtMs - now));
      }
      const atLock = looks <= EARLY_LOCK_LOOKS || looks % LOCK_LOOK_EVERY === 0;
      const [found, lockNow] = await Promise.all([
        findLiveIdempotencyRecord(userId, key),
        atLock ? readLockState(userId) : undefined,
      ]);
      record = found;
      lock = lockNow;
      if (lockNow) last = { atMs: Date.now(), state: lockNow };
    }
  } catch (error) {
    // Never leave a request parked that the caller was told failed: take it back, or, if a holder
    // applied it meanwhile, answer with what it recorded.
    if (error instanceof LockedError) throw error;
    if (await unparkRequest(userId, id, poster).catch(() => true)) throw error;
    record = await findLiveIdempotencyRecord(userId, key);
    if (!record) throw error;
  }
  return answerFrom(record, request);
}

/**
 * The answer from the key's record. A record a holder wrote for another request with the key (an
 * earlier one, or one that took the ordinary path) makes this one a duplicate: it is replayed, with
 * the fingerprint checked, and taken back if still parked.
 */
async function answerFrom(record: StoredItem, request: ParkedOwnRequest): Promise<Executed> {
  if (record.appliedFor === request.poster) return { outcome: recordedOutcome(record), replayed: false };
  await unparkRequest(request.userId, request.id, request.poster).catch(() => false);
  return replayOf(record, request.idempotency);
}
