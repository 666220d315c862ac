import { describe, expect, it } from 'vitest';
import { reapExpiredOrders } from '../../common/orders/reap-expired-orders';
import {
  accountOf,
  eventsOf,
  fundedUser,
  letLeaseRunOut,
  lockIsFree,
  ordersOf,
  pathOf,
  placeOrderThatCrashesAfterReserve,
} from './order-harness';

describe('a crash between reserve and commit', () => {
  it('leaves the order PENDING with funds held, until the reaper fails it as "expired" and returns the hold', async () => {
    const userId = await fundedUser('1000.00');
    const before = await accountOf(userId);

    const call = await placeOrderThatCrashesAfterReserve(userId, { asset: 'BTC', quantity: '0.01' });

    expect(pathOf(await eventsOf(call))).toEqual([
      'ExecutionStarted',
      'StateEntered Reserve',
      'StateExited Reserve',
      'StateEntered Commit',
      'ExecutionAborted',
    ]);
    expect(call.status).toBe(503);
    const [pending] = await ordersOf(userId);
    expect(pending?.status).toBe('PENDING');
    expect((await accountOf(userId)).balance.USD).toEqual({ available: 50_000n, held: 50_000n });
    expect(await lockIsFree(userId)).toBe(false);

    await letLeaseRunOut(userId, pending?.orderId);
    const report = await reapExpiredOrders();

    // Another test process's reaper may get there first; the outcome is the same either way.
    expect(report.errors).toBe(0);
    expect((await ordersOf(userId)).map((order) => [order.status, order.failureReason])).toEqual([
      ['FAILED', 'expired'],
    ]);
    expect(await accountOf(userId)).toEqual(before);
    expect(await lockIsFree(userId)).toBe(true);
  });

  it('the reaper leaves alone an order whose lease has not expired yet', async () => {
    const userId = await fundedUser('1000.00');
    await placeOrderThatCrashesAfterReserve(userId, { asset: 'BTC', quantity: '0.01' });

    await reapExpiredOrders();

    expect((await ordersOf(userId)).map((order) => order.status)).toEqual(['PENDING']);
    expect((await accountOf(userId)).balance.USD).toEqual({ available: 50_000n, held: 50_000n });
  });
});
