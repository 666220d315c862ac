import { beforeEach, describe, expect, it } from 'vitest';
import { countDynamoDbRequests } from '../../common/storage/request-counter';
import { fundedUser, placeOrder } from '../workflow/order-harness';

const counter = countDynamoDbRequests();

/** Requests made while `run` ran, by operation. */
async function requestsOf(
  run: () => Promise<{ status: number }>,
  status: number,
): Promise<Record<string, number>> {
  counter.reset();
  const result = await run();
  const counts = Object.fromEntries(counter.counts);
  expect(result.status).toBe(status);
  return counts;
}

const UNCONTENDED_ORDER = { UpdateItem: 1, BatchGetItem: 1, TransactWriteItems: 2 };

describe('round trips to DynamoDB per order, uncontended (budget: 5)', () => {
  let userId: string;
  beforeEach(async () => {
    userId = await fundedUser('10000.00');
  });

  it('a buy is four: take the lock, one batch read, reserve, commit', async () => {
    const counts = await requestsOf(() => placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.01' }), 201);
    expect(counts).toEqual(UNCONTENDED_ORDER);
  });

  it('a keyed buy is four as well: its idempotency record rides in the batch read and the commit', async () => {
    const counts = await requestsOf(
      () => placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.01' }, { idempotencyKey: 'rt-1' }),
      201,
    );
    expect(counts).toEqual(UNCONTENDED_ORDER);
  });

  it('a sell is four', async () => {
    await placeOrder(userId, 'buy', { asset: 'ETH', quantity: '1' });
    const counts = await requestsOf(() => placeOrder(userId, 'sell', { asset: 'ETH', quantity: '0.5' }), 201);
    expect(counts).toEqual(UNCONTENDED_ORDER);
  });

  it('a replayed keyed buy is three: take the lock, find the record, release', async () => {
    await placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.01' }, { idempotencyKey: 'rt-2' });
    const counts = await requestsOf(
      () => placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.01' }, { idempotencyKey: 'rt-2' }),
      201,
    );
    expect(counts).toEqual({ UpdateItem: 2, BatchGetItem: 1 });
  });

  it('a refused buy stays within five: the refusal is proved on the stored balance, then recorded', async () => {
    const counts = await requestsOf(() => placeOrder(userId, 'buy', { asset: 'BTC', quantity: '1' }), 422);
    expect(counts).toEqual({ UpdateItem: 1, BatchGetItem: 1, TransactWriteItems: 2, GetItem: 1 });
  });
});
