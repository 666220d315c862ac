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
});
