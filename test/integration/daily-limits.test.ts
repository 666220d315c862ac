import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBalance } from '../../common/accounts/balance-store';
import { deposit, withdraw } from '../../common/cash/cash-operations';
import type { Outcome } from '../../common/outcomes/outcome';
import { documentClient, tableName } from '../../common/storage/client';
import { keys } from '../../common/storage/keys';
import { newUserId } from '../support/ids';
import { expectLedgerConsistent } from '../support/ledger';

const rejection = (outcome: Outcome) => (outcome.status === 'rejected' ? outcome : undefined);

/** The instant `seconds` before the next UTC midnight after now. */
function beforeNextMidnight(seconds: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - seconds * 1000);
}

describe('daily limits against DynamoDB Local', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts each UTC day from zero: the day that ran out refuses, the next one pays', async () => {
    const userId = newUserId();
    // Only Date is faked: the clock the day is read from, never the timers the lock waits on.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(beforeNextMidnight(30));
    await deposit({ userId, amount: 1_000_000n, requestId: 'fund' });
    await withdraw({ userId, amount: 500_000n, requestId: 'all-of-today' });
    const lateToday = await withdraw({ userId, amount: 1n, requestId: 'one-cent-too-many' });
    expect(rejection(lateToday.outcome)?.code).toBe('DAILY_LIMIT_EXCEEDED');
    expect(rejection(await (await deposit({ userId, amount: 1n, requestId: 'd' })).outcome)?.code).toBe(
      'DAILY_LIMIT_EXCEEDED',
    );

    const tomorrow = beforeNextMidnight(-1);
    vi.setSystemTime(tomorrow);
    const nextDay = await withdraw({ userId, amount: 30_000n, requestId: 'tomorrow' });
    expect(nextDay.outcome.status).toBe('completed');
    expect(await deposit({ userId, amount: 1_000_000n, requestId: 'tomorrow-deposit' })).toMatchObject({
      outcome: { status: 'completed' },
    });
    const stored = await readBalance(userId);
    expect(stored.usage).toEqual({
      day: tomorrow.toISOString().slice(0, 10),
      deposit: 1_000_000n,
      withdrawal: 30_000n,
    });
    expect(await expectLedgerConsistent(userId, 'USD')).toBe(1_470_000n);
  });

  it('checks the limit in the transaction: a stale lock snapshot that forgot the day’s use cannot pass it', async () => {
    const userId = newUserId();
    await deposit({ userId, amount: 1_000_000n, requestId: 'fund' });
    const { Item: fundedLock } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.lock(userId), ConsistentRead: true }),
    );
    await withdraw({ userId, amount: 500_000n, requestId: 'all-of-today' });
    // Put back the snapshot of before the withdrawal: the cache now says nothing was withdrawn.
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.lock(userId),
        UpdateExpression: 'SET #snapshot = :stale',
        ExpressionAttributeNames: { '#snapshot': 'snapshot' },
        ExpressionAttributeValues: { ':stale': fundedLock?.snapshot },
      }),
    );

    const refused = await withdraw({ userId, amount: 100n, requestId: 'on-a-stale-snapshot' });

    expect(rejection(refused.outcome)).toMatchObject({
      code: 'DAILY_LIMIT_EXCEEDED',
      dailyLimit: { used: '5000.00', remaining: '0.00', requested: '1.00' },
    });
    expect(await expectLedgerConsistent(userId, 'USD')).toBe(500_000n);
  });
});
