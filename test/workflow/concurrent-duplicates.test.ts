import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useOrderWorkflow } from '../../common/orders/workflow-port';
import { localOrderWorkflow } from '../../local/order-workflow-runner';
import { accountOf, callOrderHandler, fundedUser, lockIsFree, ordersOf } from './order-harness';

const COPIES = 10;

beforeAll(() => {
  useOrderWorkflow(localOrderWorkflow);
});
afterAll(() => {
  useOrderWorkflow(undefined);
});

describe('many copies of one keyed order at once', () => {
  it('trade once; every copy gets the one 201 or 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const userId = await fundedUser('1000.00');
    const copies = await Promise.all(
      Array.from({ length: COPIES }, () =>
        callOrderHandler(userId, 'buy', { asset: 'ETH', quantity: '0.01' }, 'burst-1'),
      ),
    );

    const created = copies.filter((copy) => copy.status === 201);
    const first = created.filter((copy) => copy.headers['idempotent-replayed'] !== 'true');
    expect(first).toHaveLength(1);
    for (const copy of created) expect(copy.body).toEqual(first[0]?.body);
    for (const copy of copies.filter((candidate) => candidate.status !== 201)) {
      expect(copy.status).toBe(409);
      expect(copy.body).toMatchObject({ error: { code: 'IDEMPOTENCY_IN_PROGRESS' } });
    }
    expect(await ordersOf(userId)).toHaveLength(1);
    expect((await accountOf(userId)).ledger).toHaveLength(3);
    expect(await lockIsFree(userId)).toBe(true);
  });

  it('once the first has finished, concurrent repeats all get its 201 replayed, none a 409', async () => {
    const userId = await fundedUser('1000.00');
    const first = await callOrderHandler(userId, 'buy', { asset: 'ETH', quantity: '0.01' }, 'finished-1');
    expect(first.status).toBe(201);

    const repeats = await Promise.all(
      Array.from({ length: COPIES }, () =>
        callOrderHandler(userId, 'buy', { asset: 'ETH', quantity: '0.01' }, 'finished-1'),
      ),
    );

    for (const repeat of repeats) {
      expect(repeat.status).toBe(201);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.body).toEqual(first.body);
    }
    expect(await ordersOf(userId)).toHaveLength(1);
  });
});
