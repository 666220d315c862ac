import { describe, expect, it } from 'vitest';
import { holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { deposit } from '../../common/cash/cash-operations';
import { IdempotencyInProgressError, LeaseLostError, LockedError } from '../../common/errors';
import { acquireUserLock, releaseUserLock } from '../../common/lease/user-lock';
import { CASH } from '../../common/money/amounts';
import { newUserId } from '../support/ids';
import { expireLock, lateCreditByPausedHolder } from '../support/lease-clock';

describe('the user lock', () => {
  it('is exclusive: a second caller waits out its budget and gets LOCKED with a retry time', async () => {
    const userId = newUserId();
    await acquireUserLock(userId, 'withdraw');
    const second = acquireUserLock(userId, 'withdraw', { waitBudgetMs: 150 });
    await expect(second).rejects.toBeInstanceOf(LockedError);
    await expect(second).rejects.toMatchObject({ code: 'LOCKED', retryAfterSeconds: expect.any(Number) });
    const { retryAfterSeconds } = (await second.then(
      () => undefined,
      (caught: unknown) => caught,
    )) as LockedError;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(15);
  });

  it('hands the fencing token out in strictly increasing order, across releases', async () => {
    const userId = newUserId();
    const fences: number[] = [];
    for (let i = 0; i < 4; i++) {
      const lease = await acquireUserLock(userId, 'deposit');
      fences.push(lease.fence);
      expect(await releaseUserLock(lease)).toBe(true);
    }
    for (let i = 1; i < fences.length; i++) expect(fences[i]).toBe((fences[i - 1] ?? 0) + 1);
  });

  it('is not blocked by an expired lock that DynamoDB has not deleted yet', async () => {
    const userId = newUserId();
    const crashed = await acquireUserLock(userId, 'order');
    await expireLock(userId);
    const next = await acquireUserLock(userId, 'deposit', { waitBudgetMs: 0 });
    expect(next.fence).toBeGreaterThan(crashed.fence);
  });

  it('ignores a release by a non-owner, and by an earlier holder of the same lock', async () => {
    const userId = newUserId();
    const first = await acquireUserLock(userId, 'deposit');
    expect(await releaseUserLock({ userId, owner: 'somebody-else', fence: first.fence })).toBe(false);
    await expect(acquireUserLock(userId, 'deposit', { waitBudgetMs: 0 })).rejects.toBeInstanceOf(LockedError);

    await expireLock(userId);
    const second = await acquireUserLock(userId, 'deposit', { waitBudgetMs: 0 });
    expect(await releaseUserLock(first)).toBe(false);
    await expect(acquireUserLock(userId, 'deposit', { waitBudgetMs: 0 })).rejects.toBeInstanceOf(LockedError);
    expect(await releaseUserLock(second)).toBe(true);
  });

  it('fences out a holder that paused past its lease: only the new holder’s effect lands', async () => {
    const userId = newUserId();
    const paused = await acquireUserLock(userId, 'deposit');
    const before = await readBalance(userId);
    await expireLock(userId);

    const second = await deposit({ userId, amount: 2_500n, requestId: 'second' });
    expect(second.outcome.status).toBe('completed');

    const late = lateCreditByPausedHolder(paused, before);
    await expect(late).rejects.toBeInstanceOf(LeaseLostError);
    expect(holdingOf(await readBalance(userId), CASH)).toEqual({ available: 2_500n, held: 0n });
  });

  it('tells a duplicate of the running request apart from any other contender', async () => {
    const userId = newUserId();
    await acquireUserLock(userId, 'deposit', { holderKey: 'key-1' });
    await expect(
      acquireUserLock(userId, 'deposit', { holderKey: 'key-1', waitBudgetMs: 1_000 }),
    ).rejects.toBeInstanceOf(IdempotencyInProgressError);
    await expect(
      acquireUserLock(userId, 'deposit', { holderKey: 'key-2', waitBudgetMs: 50 }),
    ).rejects.toBeInstanceOf(LockedError);
  });
});
