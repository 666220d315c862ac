import { beforeEach, describe, expect, it } from 'vitest';
import { deposit, withdraw } from '../../common/cash/cash-operations';
import { fingerprintOf } from '../../common/idempotency/idempotency-record';
import { countDynamoDbRequests } from '../../common/storage/request-counter';
import { newUserId } from '../support/ids';

const counter = countDynamoDbRequests();

describe('round trips to DynamoDB, uncontended', () => {
  let userId: string;
  beforeEach(async () => {
    userId = newUserId();
    // The user's first operation may read the balance once; the budget is for the steady state.
    await deposit({ userId, amount: 100_000n, requestId: 'warm-up' });
    counter.reset();
  });

  it('a deposit is two: take the lock, one fenced transaction', async () => {
    await deposit({ userId, amount: 1_000n, requestId: 'r' });
    expect(Object.fromEntries(counter.counts)).toEqual({ UpdateItem: 1, TransactWriteItems: 1 });
  });

  it('a withdrawal is two, with or without an idempotency key', async () => {
    await withdraw({ userId, amount: 1_000n, requestId: 'r' });
    await withdraw({
      userId,
      amount: 1_000n,
      requestId: 'r2',
      idempotency: { key: 'k', fingerprint: fingerprintOf('POST /withdrawals', { amount: '10.00' }) },
    });
    expect(Object.fromEntries(counter.counts)).toEqual({ UpdateItem: 2, TransactWriteItems: 2 });
  });

  it('a refused withdrawal is two as well: the rejection is decided on the lock’s snapshot', async () => {
    const refused = await withdraw({ userId, amount: 10_000_000n, requestId: 'r' });
    expect(refused.outcome.status).toBe('rejected');
    expect(counter.total()).toBe(2);
  });

  it('a deposit or withdrawal refused by its daily limit is two: the day’s use rides on the snapshot', async () => {
    const overDeposit = await deposit({ userId, amount: 1_000_000n, requestId: 'r' });
    expect(overDeposit.outcome).toMatchObject({ status: 'rejected', code: 'DAILY_LIMIT_EXCEEDED' });
    const overWithdrawal = await withdraw({ userId, amount: 500_001n, requestId: 'r2' });
    expect(overWithdrawal.outcome).toMatchObject({ status: 'rejected', code: 'INSUFFICIENT_FUNDS' });
    await withdraw({ userId, amount: 100_000n, requestId: 'r3' });
    await deposit({ userId, amount: 500_000n, requestId: 'r4' });
    const overLimit = await withdraw({ userId, amount: 400_001n, requestId: 'r5' });
    expect(overLimit.outcome).toMatchObject({ status: 'rejected', code: 'DAILY_LIMIT_EXCEEDED' });
    expect(Object.fromEntries(counter.counts)).toEqual({ UpdateItem: 5, TransactWriteItems: 5 });
  });
});
