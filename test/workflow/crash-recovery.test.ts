import { describe, expect, it } from 'vitest';
import { reapExpiredOrders } from '../../common/orders/reap-expired-orders';
import type { JsonValue, OrderWorkflowRun } from '../../local/order-workflow-runner';
import {
  accountOf,
  eventsOf,
  fundedUser,
  letLeaseRunOut,
  lockIsFree,
  ordersOf,
  pathOf,
  placeOrder,
} from './order-harness';

describe('a crash between reserve and commit', () => {
  it('leaves the order PENDING with funds held, until the reaper fails it as "expired" and returns the hold', async () => {
    const userId = await fundedUser('1000.00');
    const before = await accountOf(userId);
    let execution: OrderWorkflowRun | undefined;

    const call = await placeOrder(
      userId,
      'buy',
      { asset: 'BTC', quantity: '0.01' },
      {
        onStart: (run) => {
          execution = run;
        },
        run: {
          taskOverrides: {
            // The workflow dies the moment Commit would start: nothing after Reserve ever runs.
            Commit: () => {
              execution?.abort();
              return new Promise<JsonValue>(() => undefined);
            },
          },
        },
      },
    );

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
    let execution: OrderWorkflowRun | undefined;
    await placeOrder(
      userId,
      'buy',
      { asset: 'BTC', quantity: '0.01' },
      {
        onStart: (run) => {
          execution = run;
        },
        run: {
          taskOverrides: {
            Commit: () => {
              execution?.abort();
              return new Promise<JsonValue>(() => undefined);
            },
          },
        },
      },
    );

    await reapExpiredOrders();

    expect((await ordersOf(userId)).map((order) => order.status)).toEqual(['PENDING']);
    expect((await accountOf(userId)).balance.USD).toEqual({ available: 50_000n, held: 50_000n });
  });
});
