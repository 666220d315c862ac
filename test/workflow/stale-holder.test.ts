import { describe, expect, it } from 'vitest';
import { deposit } from '../../common/cash/cash-operations';
import { parseCashAmount } from '../../common/money/amounts';
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

describe('a stale holder', () => {
  it('cannot commit once its lease expired and another request took the lock: the fence refuses, the flow rolls back', async () => {
    const userId = await fundedUser('1000.00');
    let interloper: string | undefined;

    const call = await placeOrder(
      userId,
      'buy',
      { asset: 'BTC', quantity: '0.01' },
      {
        run: {
          taskOverrides: {
            // The flow stalls between reserve and commit for longer than its lease; meanwhile a deposit
            // takes the lock, lands and releases it. Only then does the real commit run.
            Commit: async (input, runTask) => {
              await letLeaseRunOut(userId);
              const landed = await deposit({
                userId,
                amount: parseCashAmount('100.00'),
                requestId: 'interloper',
              });
              interloper = landed.outcome.status;
              return runTask(input);
            },
          },
        },
      },
    );

    expect(interloper).toBe('completed');
    expect(call.status).toBe(503);
    expect(call.body).toMatchObject({
      error: { code: 'UNAVAILABLE' },
      order: { status: 'FAILED', failureReason: 'lease lost' },
    });
    const { balance, ledger } = await accountOf(userId);
    expect(balance).toEqual({ USD: { available: 110_000n, held: 0n } });
    expect(ledger.map((entry) => [entry.type, entry.amount])).toEqual([
      ['DEPOSIT', 100_000n],
      ['DEPOSIT', 10_000n],
    ]);
    expect((await ordersOf(userId)).map((order) => order.status)).toEqual(['FAILED']);
    expect(await lockIsFree(userId)).toBe(true);
    expect(pathOf(await eventsOf(call))).toEqual([
      'ExecutionStarted',
      'StateEntered Reserve',
      'StateExited Reserve',
      'StateEntered Commit',
      'StateFailed Commit',
      'StateCaught Commit',
      'StateExited Commit',
      'StateEntered Rollback',
      'StateExited Rollback',
      'StateEntered Failed',
      'StateFailed Failed',
      'ExecutionFailed',
    ]);
  });
});
