import { describe, expect, it } from 'vitest';
import { startTestApi } from '../support/local-api';
import {
  accountOf,
  fundedUser,
  letLeaseRunOut,
  lockIsFree,
  ordersOf,
  placeOrderThatCrashesAfterReserve,
} from '../workflow/order-harness';

describe('the local server after a crash', () => {
  it('resolves an order a dead server left PENDING before it serves its first request', async () => {
    const userId = await fundedUser('1000.00');
    const before = await accountOf(userId);
    // The "previous server" dies right after Reserve.
    await placeOrderThatCrashesAfterReserve(userId, { asset: 'BTC', quantity: '0.01' });
    const [pending] = await ordersOf(userId);
    expect(pending?.status).toBe('PENDING');
    await letLeaseRunOut(userId, pending?.orderId);

    const api = await startTestApi();
    try {
      expect((await ordersOf(userId)).map((order) => [order.status, order.failureReason])).toEqual([
        ['FAILED', 'expired'],
      ]);
      expect(await accountOf(userId)).toEqual(before);
      expect(await lockIsFree(userId)).toBe(true);
    } finally {
      await api.stop();
    }
  });
});
