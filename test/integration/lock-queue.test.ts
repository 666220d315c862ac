import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { LeaseLostError, LockedError } from '../../common/errors';
import { LEASE_SECONDS } from '../../common/lease/lease-durations';
import { readLockState, takeLockTicket } from '../../common/lease/lock-queue-store';
import { acquireUserLock, type Lease, releaseUserLock } from '../../common/lease/user-lock';
import { CASH } from '../../common/money/amounts';
import { documentClient, onDocumentClient, tableName } from '../../common/storage/client';
import { keys } from '../../common/storage/keys';
import { newUserId } from '../support/ids';
import { expireLock, lateCreditByPausedHolder } from '../support/lease-clock';

/**
 * DynamoDB Local never raises TransactionConflictException, which AWS raises when a write meets a
 * transaction in flight on the same item: the lock item, during the holder's fenced commit. This
 * middleware raises it for the next `count` lock writes whose update matches.
 */
const conflicts: { match: string; count: number } = { match: '', count: 0 };
onDocumentClient((client) => {
  client.middlewareStack.add(
    (next) => async (args) => {
      const update = (args.input as { UpdateExpression?: string }).UpdateExpression ?? '';
      if (conflicts.count > 0 && conflicts.match !== '' && update.includes(conflicts.match)) {
        conflicts.count--;
        throw Object.assign(new Error('Transaction is ongoing for the item'), {
          name: 'TransactionConflictException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'testTransactionConflict' },
  );
});

/** The lock writes sent while `recording` is set, each as the kind of move it makes. */
const lockWrites: { recording: boolean; kinds: string[] } = { recording: false, kinds: [] };
onDocumentClient((client) => {
  client.middlewareStack.add(
    (next) => async (args) => {
      const { UpdateExpression = '', ConditionExpression = '' } = args.input as {
        UpdateExpression?: string;
        ConditionExpression?: string;
      };
      if (lockWrites.recording && UpdateExpression !== '') {
        lockWrites.kinds.push(
          UpdateExpression.includes('ticketsIssued = if_not_exists')
            ? 'ticket'
            : ConditionExpression.includes('servedThrough >= ticketsIssued')
              ? 'fast path'
              : ConditionExpression.includes('servedThrough = :seen')
                ? 'turn'
                : 'other',
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'testLockWriteKinds' },
  );
});

async function lockWritesOf<T>(run: () => Promise<T>): Promise<{ result: T; kinds: string[] }> {
  lockWrites.kinds = [];
  lockWrites.recording = true;
  try {
    return { result: await run(), kinds: [...lockWrites.kinds] };
  } finally {
    lockWrites.recording = false;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits, without a time limit of its own, until the lock item shows `count` tickets taken. */
async function ticketsTaken(userId: string, count: number): Promise<void> {
  while ((await readLockState(userId)).ticketsIssued < count) await pause(5);
}

/** A promise's settling, observable without awaiting it. */
function watch<T>(promise: Promise<T>): { readonly promise: Promise<T>; settled: () => boolean } {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  return { promise, settled: () => done };
}

describe('the lock queue', () => {
  afterEach(() => {
    conflicts.count = 0;
  });

  it('serves waiters in arrival order: with a holder and waiters A then B, A takes the lock before B', async () => {
    const userId = newUserId();
    const holder = await acquireUserLock(userId, 'deposit');
    const a = watch(acquireUserLock(userId, 'deposit'));
    await ticketsTaken(userId, 1);
    const b = watch(acquireUserLock(userId, 'deposit'));
    await ticketsTaken(userId, 2);

    await releaseUserLock(holder);
    const leaseA = await a.promise;
    // B is still waiting: the lock went to A, and A holds it.
    expect(b.settled()).toBe(false);
    expect(leaseA.fence).toBe(holder.fence + 1);

    await releaseUserLock(leaseA);
    const leaseB = await b.promise;
    expect(leaseB.fence).toBe(leaseA.fence + 1);
    expect(await readLockState(userId)).toMatchObject({ ticketsIssued: 2, servedThrough: 2 });
  });

  it('keeps a request that finds nobody queued at two round trips: no ticket, no read', async () => {
    const userId = newUserId();
    await releaseUserLock(await acquireUserLock(userId, 'deposit'));
    const lease = await acquireUserLock(userId, 'deposit', { waitBudgetMs: 0 });
    expect((await readLockState(userId)).ticketsIssued).toBe(0);
    expect(await releaseUserLock(lease)).toBe(true);
  });

  it('queues at once for a lock this process just found busy, and takes the fast path again once nobody queues', async () => {
    const userId = newUserId();
    const holder = await acquireUserLock(userId, 'deposit');
    const waiter = acquireUserLock(userId, 'deposit');
    await ticketsTaken(userId, 1);
    await releaseUserLock(holder);
    await releaseUserLock(await waiter);

    // Found busy a moment ago: a ticket first, never a fast path that would fail on a busy lock.
    const queued = await lockWritesOf(() => acquireUserLock(userId, 'deposit'));
    expect(queued.kinds).toEqual(['ticket', 'turn']);
    expect(await releaseUserLock(queued.result)).toBe(true);

    // That ticket found nobody ahead, so the account counts as quiet again.
    const quiet = await lockWritesOf(() => acquireUserLock(userId, 'deposit'));
    expect(quiet.kinds).toEqual(['fast path']);
    expect(await releaseUserLock(quiet.result)).toBe(true);
  });

  it('passes over a waiter that died in the queue, within the next waiter’s wait budget', async () => {
    const userId = newUserId();
    const holder = await acquireUserLock(userId, 'deposit');
    // A waiter that took its ticket and then crashed: it never claims and never withdraws.
    const dead = await takeLockTicket(userId);
    expect(dead?.ticket).toBe(1);
    const next = acquireUserLock(userId, 'deposit');
    await ticketsTaken(userId, 2);

    await releaseUserLock(holder);
    const lease = await next;
    expect(lease.fence).toBe(holder.fence + 1);
    expect(await readLockState(userId)).toMatchObject({ ticketsIssued: 2, servedThrough: 2 });
  });

  it('takes a waiter that gave up out of the queue, so the one behind it goes next without a grace', async () => {
    const userId = newUserId();
    const holder = await acquireUserLock(userId, 'deposit');
    const quitter = acquireUserLock(userId, 'deposit', { waitBudgetMs: 500 });
    await ticketsTaken(userId, 1);
    await expect(quitter).rejects.toBeInstanceOf(LockedError);
    expect(await readLockState(userId)).toMatchObject({ ticketsIssued: 1, withdrawn: [1] });

    const next = acquireUserLock(userId, 'deposit');
    await ticketsTaken(userId, 2);
    await releaseUserLock(holder);
    await next;
    // Ticket 2 took its turn (no pass-over): the withdrawn ticket 1 was pruned by the same write.
    expect(await readLockState(userId)).toMatchObject({ ticketsIssued: 2, servedThrough: 2, withdrawn: [] });
  });

  it('answers LOCKED with the holder’s remaining lease when the lock never changed hands, not the longest lease', async () => {
    const userId = newUserId();
    const holder = await acquireUserLock(userId, 'withdraw');
    const waiting = await acquireUserLock(userId, 'deposit', { waitBudgetMs: 150 }).catch(
      (caught: unknown) => caught,
    );
    expect(waiting).toBeInstanceOf(LockedError);
    const leaseLeft = holder.expiresAt - Math.floor(Date.now() / 1000);
    expect((waiting as LockedError).retryAfterSeconds).toBeGreaterThanOrEqual(leaseLeft - 1);
    expect((waiting as LockedError).retryAfterSeconds).toBeLessThanOrEqual(leaseLeft + 1);
  });

  it('answers LOCKED with the queue ahead times the holds it saw, when the lock kept changing hands', async () => {
    const userId = newUserId();
    // Seven requests, each holding the lock for a quarter of a second, well within a 10 s lease.
    const holdBriefly = async (lease: Lease) => {
      await pause(250);
      await releaseUserLock(lease);
    };
    const first = await acquireUserLock(userId, 'deposit');
    const ahead = [
      holdBriefly(first),
      ...Array.from({ length: 6 }, () => acquireUserLock(userId, 'deposit').then(holdBriefly)),
    ];
    await ticketsTaken(userId, 6);
    const late = await acquireUserLock(userId, 'deposit', { waitBudgetMs: 900 }).catch(
      (caught: unknown) => caught,
    );
    const { lastHoldMs = 0 } = await readLockState(userId);
    await Promise.all(ahead);
    expect(late).toBeInstanceOf(LockedError);
    const { retryAfterSeconds } = late as LockedError;
    // Not the 10 s deposit lease: at most the rest of one hold and one hold per ticket ahead of it (6).
    expect(lastHoldMs).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThan(LEASE_SECONDS.deposit);
    expect(retryAfterSeconds).toBeLessThanOrEqual(Math.ceil((7 * lastHoldMs) / 1000));
  });

  it('gives a waiter the lock when TTL deletes the lock item under it', async () => {
    const userId = newUserId();
    const holder = await acquireUserLock(userId, 'order');
    const waiter = acquireUserLock(userId, 'deposit');
    await ticketsTaken(userId, 1);
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.lock(userId) }));
    const lease = await waiter;
    expect(lease.fence).toBeGreaterThan(holder.fence);
    expect(await releaseUserLock(holder)).toBe(false);
  });

  it('retries a ticket and a claim that meet the holder’s transaction (TransactionConflictException)', async () => {
    const userId = newUserId();
    const holder = await acquireUserLock(userId, 'deposit');
    conflicts.match = 'ticketsIssued = if_not_exists';
    conflicts.count = 2;
    const waiter = acquireUserLock(userId, 'deposit');
    await ticketsTaken(userId, 1);
    expect(conflicts.count).toBe(0);
    conflicts.match = 'servedThrough = :ticket';
    conflicts.count = 1;
    await releaseUserLock(holder);
    const lease: Lease = await waiter;
    expect(lease.fence).toBe(holder.fence + 1);
    expect(conflicts.count).toBe(0);
  });

  it('fences out a holder that paused past its lease after a queued waiter took over', async () => {
    const userId = newUserId();
    const paused = await acquireUserLock(userId, 'deposit');
    const before = await readBalance(userId);
    const waiter = acquireUserLock(userId, 'deposit');
    await ticketsTaken(userId, 1);
    await expireLock(userId);
    const successor = await waiter;
    expect(successor.fence).toBe(paused.fence + 1);

    const late = lateCreditByPausedHolder(paused, before);
    await expect(late).rejects.toBeInstanceOf(LeaseLostError);
    expect(holdingOf(await readBalance(userId), CASH)).toEqual({ available: 0n, held: 0n });
    expect(await releaseUserLock(successor)).toBe(true);
  });
});
