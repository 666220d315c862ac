import { describe, expect, it } from 'vitest';
import { handler as commitHandler } from '../../lambdas/order-commit';
import { handler as reserveHandler } from '../../lambdas/order-reserve';
import { handler as rollbackHandler } from '../../lambdas/order-rollback';
import type { ExecutionEvent, JsonValue, TaskHandler } from '../../local/order-workflow-runner';
import {
  type AccountSnapshot,
  accountOf,
  eventsOf,
  fundedUser,
  lockIsFree,
  ordersOf,
  placeOrder,
} from './order-harness';

interface TwiceRun {
  readonly results: JsonValue[];
  readonly accounts: AccountSnapshot[];
}

/** Runs the real task twice on the same input, noting each result and the account after each. */
function twice(userId: () => string, record: TwiceRun) {
  return async (input: JsonValue, runTask: TaskHandler): Promise<JsonValue> => {
    for (let run = 0; run < 2; run++) {
      record.results.push(await runTask(input));
      record.accounts.push(await accountOf(userId()));
    }
    return record.results[1] ?? null;
  };
}

const inputOf = (events: readonly ExecutionEvent[], state: string): unknown => {
  const entered = events.find((event) => event.type === 'StateEntered' && event.state.name === state);
  if (!entered || !('state' in entered)) throw new Error(`${state} never ran`);
  return entered.state.input;
};

describe('every task is idempotent on the order id', () => {
  it.each(['Reserve', 'Commit'] as const)(
    '%s run twice in a row: the second run answers the same and changes nothing',
    async (task) => {
      let userId = '';
      const record: TwiceRun = { results: [], accounts: [] };
      userId = await fundedUser('1000.00');

      const call = await placeOrder(
        userId,
        'buy',
        { asset: 'BTC', quantity: '0.01' },
        { run: { taskOverrides: { [task]: twice(() => userId, record) } } },
      );

      expect(call.status).toBe(201);
      expect(record.results[1]).toEqual(record.results[0]);
      expect(record.accounts[1]).toEqual(record.accounts[0]);
      const { balance, ledger } = await accountOf(userId);
      expect(balance).toEqual({
        USD: { available: 50_000n, held: 0n },
        BTC: { available: 1_000_000n, held: 0n },
      });
      expect(ledger).toHaveLength(3);
      expect(await ordersOf(userId)).toHaveLength(1);
      expect(await lockIsFree(userId)).toBe(true);
    },
  );

  it('Rollback run twice in a row: the second run answers the same and changes nothing', async () => {
    let userId = '';
    const record: TwiceRun = { results: [], accounts: [] };
    userId = await fundedUser('1000.00');
    const before = await accountOf(userId);

    const call = await placeOrder(
      userId,
      'buy',
      { asset: 'BTC', quantity: '0.01' },
      {
        run: {
          taskOverrides: {
            Commit: () => {
              throw new Error('injected failure');
            },
            Rollback: twice(() => userId, record),
          },
        },
      },
    );

    expect(call.status).toBe(500);
    expect(record.results[1]).toEqual(record.results[0]);
    expect(record.accounts[1]).toEqual(record.accounts[0]);
    expect(await accountOf(userId)).toEqual(before);
    expect(await lockIsFree(userId)).toBe(true);
  });

  it('late duplicates after a completed order: Commit answers as before, Reserve is fenced off, nothing moves', async () => {
    const userId = await fundedUser('1000.00');
    const call = await placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.01' });
    expect(call.status).toBe(201);
    const events = await eventsOf(call);
    const after = await accountOf(userId);

    await expect(commitHandler(inputOf(events, 'Commit'))).resolves.toEqual(call.body);
    await expect(reserveHandler(inputOf(events, 'Reserve'))).rejects.toMatchObject({
      name: 'LeaseLostError',
    });

    expect(await accountOf(userId)).toEqual(after);
    expect((await ordersOf(userId)).map((order) => order.status)).toEqual(['COMPLETED']);
    expect(await lockIsFree(userId)).toBe(true);
  });

  it('a late duplicate of Rollback after a failed order answers as before and changes nothing', async () => {
    const userId = await fundedUser('1000.00');
    const call = await placeOrder(
      userId,
      'buy',
      { asset: 'BTC', quantity: '0.01' },
      {
        run: {
          taskOverrides: {
            Commit: () => {
              throw new Error('injected failure');
            },
          },
        },
      },
    );
    const events = await eventsOf(call);
    const exited = events.find((event) => event.type === 'StateExited' && event.state.name === 'Rollback');
    const after = await accountOf(userId);

    const again = await rollbackHandler(inputOf(events, 'Rollback'));

    expect(exited && 'state' in exited ? exited.state.output : undefined).toMatchObject({ rollback: again });
    expect(await accountOf(userId)).toEqual(after);
    expect(await lockIsFree(userId)).toBe(true);
  });
});
