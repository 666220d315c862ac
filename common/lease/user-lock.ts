import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { BalanceState } from '../accounts/balance-state';
import { balanceFromItem, balanceToAttributes } from '../accounts/balance-store';
import { IdempotencyInProgressError, LockedError } from '../errors';
import { recordLockWait } from '../observability/metrics';
import { documentClient, tableName } from '../storage/client';
import { keys } from '../storage/keys';
import { readInt } from '../storage/numbers';
import { isConditionalCheckFailure, type StoredItem, type TransactItem } from '../storage/transact';
import { LEASE_SECONDS, type LeasePurpose, LOCK_WAIT_BUDGET_MS } from './lease-durations';
import {
  type Claim,
  claimFor,
  isFree,
  type LockState,
  lockStateFromItem,
  nextLookInMs,
  observedHandOffMs,
  queueIsEmpty,
  retryAfterMs,
  speculativeClaim,
} from './lock-queue';
import { isTransactionConflict, readLockState, takeLockTicket, withdrawLockTicket } from './lock-queue-store';

/**
 * The per-user lock: one item (`USER#id` / `LOCK`) taken by a conditional write.
 *
 * - `expiresAt` (epoch seconds) is the table's TTL attribute, but TTL deletes days late, so every
 *   condition compares it with the clock instead of trusting deletion.
 * - `fence` increases with every acquisition. Writes made under the lock carry a condition on owner,
 *   fence and expiry in the same transaction (`fencedLockWrite`), so a holder that paused past its lease
 *   can change nothing once someone else has taken the lock: the storage itself enforces the fence.
 * - `snapshot` is the balance state as of the last fenced write. Every balance change is such a write,
 *   so acquiring returns the state the operation needs without another read. It is a cache the balance
 *   item's version check verifies; when TTL has deleted the lock item it is simply absent.
 */
export interface Lease {
  readonly userId: string;
  readonly owner: string;
  readonly fence: number;
  readonly expiresAt: number;
  readonly snapshot?: BalanceState;
}

export interface AcquireOptions {
  /** Marks the lock with the request's idempotency key, so a duplicate can answer "in progress". */
  readonly holderKey?: string;
  /**
   * Marks the lock with the user whose lock its holder waits on while it holds this one (a parked
   * payment's payee, ADR 0014), so two such holders waiting on each other can tell.
   */
  readonly waitsFor?: string;
  readonly waitBudgetMs?: number;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Users whose lock this process found held lately, with when, and how many times in a row each
 * within the memory of the one before: a hot account's next request from the same process (a warm
 * Lambda, or the local server) joins the queue straight away. Bounded, and forgotten once a queued
 * request finds nobody ahead, so a quiet account is back on the fast path.
 */
const contendedAt = new Map<string, { readonly atMs: number; readonly times: number }>();
const CONTENTION_MEMORY_MS = 1_000;
const CONTENTION_MEMORY_USERS = 1_000;

export function rememberContention(userId: string, nowMs: number = Date.now()): void {
  const last = contendedAt.get(userId);
  const times = last && nowMs - last.atMs < CONTENTION_MEMORY_MS ? last.times + 1 : 1;
  contendedAt.delete(userId);
  contendedAt.set(userId, { atMs: nowMs, times });
  if (contendedAt.size > CONTENTION_MEMORY_USERS) {
    const oldest = contendedAt.keys().next().value;
    if (oldest !== undefined) contendedAt.delete(oldest);
  }
}

function forgetContention(userId: string): void {
  contendedAt.delete(userId);
}

/**
 * Found held at least `times` times in a row, each within a second of the one before: a lock that
 * stays busy (a merchant paid by many), not one met busy now and then.
 */
export function contendedRepeatedly(userId: string, times: number, nowMs: number = Date.now()): boolean {
  const last = contendedAt.get(userId);
  return last !== undefined && nowMs - last.atMs < CONTENTION_MEMORY_MS && last.times >= times;
}

export function contendedLately(userId: string, nowMs: number = Date.now()): boolean {
  return contendedRepeatedly(userId, 1, nowMs);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A deleted lock item restarts its fence from this seed. Microseconds since the epoch exceed any
 * fence the deleted item reached: that would need more than one acquisition per microsecond for the
 * item's whole life, and every acquisition is a network round trip.
 */
const fenceSeed = (): number => Date.now() * 1000;

function leaseFromItem(userId: string, item: StoredItem): Lease {
  return {
    userId,
    owner: String(item.owner),
    fence: readInt(item.fence),
    expiresAt: readInt(item.expiresAt),
    snapshot: item.snapshot ? balanceFromItem(item.snapshot as StoredItem) : undefined,
  };
}

const FREE = '(attribute_not_exists(pk) OR expiresAt <= :now)';
/** Nobody queues: no ticket was ever taken, or every ticket taken has been served. */
const QUEUE_EMPTY = '(attribute_not_exists(ticketsIssued) OR servedThrough >= ticketsIssued)';

/** The condition and queue bookkeeping of one way to take the lock; see `Claim` in lock-queue.ts. */
function claimTerms(claim: Claim | undefined): {
  condition: string;
  set: string[];
  remove: string[];
  values: Record<string, unknown>;
} {
  if (!claim) return { condition: `${FREE} AND ${QUEUE_EMPTY}`, set: [], remove: [], values: {} };
  if (claim.kind === 'overdue') {
    return {
      condition: `${FREE} AND servedThrough >= :ticket`,
      set: [],
      remove: [],
      values: { ':ticket': claim.ticket },
    };
  }
  const prune = claim.passes.length > 0 ? { ':passes': new Set(claim.passes) } : {};
  return {
    condition:
      claim.kind === 'turn'
        ? `${FREE} AND servedThrough = :seen`
        : `${FREE} AND servedThrough = :seen AND (attribute_not_exists(freeFromMs) OR freeFromMs <= :freeSince)`,
    set: ['servedThrough = :ticket'],
    remove: [],
    values: {
      ':ticket': claim.ticket,
      ':seen': claim.seenServedThrough,
      ...(claim.kind === 'skip' ? { ':freeSince': claim.freeSinceMs } : {}),
      ...prune,
    },
  };
}

type Attempt = { lease: Lease } | { state: LockState } | { conflict: true };

/**
 * One conditional UpdateItem that takes the lock: straight away when nobody queues (`claim`
 * undefined), else as a queued waiter's claim. On failure, ALL_OLD is the lock as it is.
 */
async function tryAcquire(
  userId: string,
  purpose: LeasePurpose,
  marks: Pick<AcquireOptions, 'holderKey' | 'waitsFor'>,
  claim: Claim | undefined,
): Promise<Attempt> {
  const { holderKey, waitsFor } = marks;
  const now = Date.now();
  const owner = randomUUID();
  const terms = claimTerms(claim);
  const set = [
    '#owner = :owner',
    'expiresAt = :expiresAt',
    'fence = if_not_exists(fence, :seed) + :one',
    'acquiredAtMs = :nowMs',
    'freeFromMs = :leaseEndMs',
    ...(holderKey ? ['holderKey = :holderKey'] : []),
    ...(waitsFor ? ['waitsFor = :waitsFor'] : []),
    ...terms.set,
  ];
  const remove = [...(holderKey ? [] : ['holderKey']), ...(waitsFor ? [] : ['waitsFor']), ...terms.remove];
  const prune = ':passes' in terms.values ? ' DELETE withdrawn :passes' : '';
  const expiresAt = Math.floor(now / 1000) + LEASE_SECONDS[purpose];
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.lock(userId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}${prune}`,
        ConditionExpression: terms.condition,
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':owner': owner,
          ':expiresAt': expiresAt,
          ':seed': fenceSeed(),
          ':one': 1,
          ':now': Math.floor(now / 1000),
          ':nowMs': now,
          ':leaseEndMs': expiresAt * 1000,
          ...(holderKey ? { ':holderKey': holderKey } : {}),
          ...(waitsFor ? { ':waitsFor': waitsFor } : {}),
          ...terms.values,
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { lease: leaseFromItem(userId, Attributes ?? {}) };
  } catch (error) {
    if (isTransactionConflict(error)) return { conflict: true };
    if (!isConditionalCheckFailure(error)) throw error;
    return {
      state: lockStateFromItem(error.Item ? unmarshall(error.Item, { wrapNumbers: true }) : undefined),
    };
  }
}

/**
 * Takes the user's lock within the wait budget. When it is held, or others already queue for it,
 * the request takes a ticket and waits its turn by reading the lock item (lock-queue.ts), so the
 * lock passes in arrival order. Throws LockedError when the budget runs out, with a Retry-After
 * from what the wait saw, or IdempotencyInProgressError when the holder is a request with the same
 * idempotency key.
 */
export async function acquireUserLock(
  userId: string,
  purpose: LeasePurpose,
  options: AcquireOptions = {},
): Promise<Lease> {
  const started = Date.now();
  const deadline = started + (options.waitBudgetMs ?? LOCK_WAIT_BUDGET_MS);
  const { holderKey } = options;
  const marks = { holderKey, waitsFor: options.waitsFor };
  let foundHeld = 0;
  let ticket: number | undefined;
  let speculatedFence: number | undefined;
  let acquired = false;
  // A lock this process found busy a moment ago is most likely busy still: queue at once, rather
  // than spend a write on a fast path that fails, and another on the ticket.
  const queueAtOnce = deadline > started && contendedLately(userId, started);
  try {
    let state: LockState;
    if (queueAtOnce) {
      const taken = await takeLockTicket(userId);
      state = taken?.state ?? lockStateFromItem(undefined);
      ticket = taken?.ticket;
    } else {
      const first = await tryAcquire(userId, purpose, marks, undefined);
      if ('lease' in first) {
        acquired = true;
        return first.lease;
      }
      state = 'state' in first ? first.state : await readLockState(userId);
    }
    const observation = {
      first: { atMs: Date.now(), fence: state.fence },
      last: { atMs: Date.now(), state },
    };
    // Set after a sleep when the hold last seen should be over: the next move is a claim, not a read.
    let speculate = false;
    for (;;) {
      if (holderKey && state.holderKey === holderKey) throw new IdempotencyInProgressError();
      const now = Date.now();
      observation.last = { atMs: now, state };
      const claim =
        state.exists && ticket !== undefined
          ? (claimFor(state, ticket, now) ?? (speculate ? speculativeClaim(state, ticket, now) : undefined))
          : undefined;
      speculate = false;
      // A missing item is a free lock with no queue: the fast path takes it.
      if (claim || !state.exists) {
        const attempt = await tryAcquire(userId, purpose, marks, claim);
        if ('lease' in attempt) {
          acquired = true;
          return attempt.lease;
        }
        if ('state' in attempt) {
          state = attempt.state;
          continue;
        }
      }
      foundHeld++;
      if (now >= deadline) throw new LockedError(retryAfterMs(observation, ticket) / 1000);
      if (ticket === undefined) {
        const taken = await takeLockTicket(userId);
        state = taken?.state ?? lockStateFromItem(undefined);
        ticket = taken?.ticket;
        continue;
      }
      await sleep(Math.min(nextLookInMs(state, ticket, now, observedHandOffMs(observation)), deadline - now));
      if (speculatedFence !== state.fence && speculativeClaim(state, ticket, Date.now())) {
        speculatedFence = state.fence;
        speculate = true;
        continue;
      }
      state = await readLockState(userId);
    }
  } finally {
    // A queued request that never found the lock held had nobody ahead: the account is quiet again.
    if (foundHeld > 0) rememberContention(userId, Date.now());
    else if (queueAtOnce) forgetContention(userId);
    // A waiter that leaves unserved steps out of the queue; if that write fails, the grace covers it.
    if (!acquired && ticket !== undefined) await withdrawLockTicket(userId, ticket).catch(() => undefined);
    // Given up or not: a wait that ended in LOCKED is the one worth seeing.
    recordLockWait(Date.now() - started, foundHeld);
  }
}

/**
 * Whether a poster of a parked request (parked-requests.ts) may take the lock it saw as `seen`:
 * free, with nobody queued for it (tickets withdrawn aside, which the claim passes over). A poster
 * holds no ticket, so it only ever takes a lock no queued waiter is owed.
 */
export function mayTakeUnqueuedLock(seen: LockState, nowMs: number): boolean {
  return isFree(seen, nowMs) && queueIsEmpty(seen);
}

/** Takes the lock without waiting, for a poster of a parked request, if it may; else undefined. */
export async function takeUnqueuedLock(
  userId: string,
  purpose: LeasePurpose,
  seen: LockState,
): Promise<Lease | undefined> {
  const now = Date.now();
  if (!mayTakeUnqueuedLock(seen, now)) return undefined;
  // A queue that has only ever been empty may lack the counters a claim is conditioned on.
  const claim = seen.exists && seen.ticketsIssued > 0 ? claimFor(seen, seen.ticketsIssued, now) : undefined;
  const attempt = await tryAcquire(userId, purpose, {}, claim);
  if ('lease' in attempt) return attempt.lease;
  rememberContention(userId, now);
  return undefined;
}

const FENCE_CONDITION = '#owner = :owner AND fence = :fence AND expiresAt > :now';

/**
 * What a release writes besides freeing the lease: when the lock became free, which starts the
 * queue's hand-off grace, and how long this hold lasted, the waiters' estimate of the next one.
 */
const RELEASE_SET =
  'expiresAt = :now, freeFromMs = :nowMs, lastHoldMs = :nowMs - if_not_exists(acquiredAtMs, :nowMs)';

/**
 * The lock's part in a transaction made under it: the fence condition, the new balance snapshot, and,
 * when `release` is set, the release itself, folded into the committing write.
 */
export function fencedLockWrite(lease: Lease, after: BalanceState, release: boolean): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.lock(lease.userId),
      UpdateExpression: release
        ? `SET #snapshot = :snapshot, ${RELEASE_SET} REMOVE #owner, holderKey, waitsFor`
        : 'SET #snapshot = :snapshot',
      ConditionExpression: FENCE_CONDITION,
      ExpressionAttributeNames: { '#owner': 'owner', '#snapshot': 'snapshot' },
      ExpressionAttributeValues: {
        ':snapshot': balanceToAttributes(after),
        ':owner': lease.owner,
        ':fence': lease.fence,
        ':now': nowSeconds(),
        ...(release ? { ':nowMs': Date.now() } : {}),
      },
    },
  };
}

/**
 * Releases the lock if this lease still holds it. A release by anyone else, or after someone else
 * took the lock, is a no-op by condition. Returns whether it released.
 */
export async function releaseUserLock(lease: Pick<Lease, 'userId' | 'owner' | 'fence'>): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.lock(lease.userId),
        UpdateExpression: `SET ${RELEASE_SET} REMOVE #owner, holderKey, waitsFor`,
        ConditionExpression: '#owner = :owner AND fence = :fence',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':owner': lease.owner,
          ':fence': lease.fence,
          ':now': nowSeconds(),
          ':nowMs': Date.now(),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
