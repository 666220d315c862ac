import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JsonValue, OrderWorkflowRunOptions } from '../../local/order-workflow-runner';
import { accountOf, eventsOf, fundedUser, lockIsFree, ordersOf, pathOf, placeOrder } from './order-harness';

type Task = 'Reserve' | 'Commit';

const never = () => new Promise<JsonValue>(() => undefined);

/** The task's real transaction meets a lock owned by someone else: DynamoDB's condition check fails. */
const withForeignLease = (input: JsonValue): JsonValue => {
  const flow = input as { lease: Record<string, unknown> };
  return { ...flow, lease: { ...flow.lease, owner: randomUUID() } } as JsonValue;
};

interface FailureMode {
  readonly name: string;
  readonly run: (task: Task) => OrderWorkflowRunOptions;
  readonly status: number;
  readonly code: string;
  readonly reason: string;
}

const failureModes: readonly FailureMode[] = [
  {
    name: 'throws',
    run: (task) => ({
      taskOverrides: {
        [task]: () => {
          throw new Error('injected failure');
        },
      },
    }),
    status: 500,
    code: 'INTERNAL',
    reason: 'internal error',
  },
  {
    name: 'never answers and times out',
    run: (task) => ({ taskOverrides: { [task]: never }, taskTimeoutSeconds: { [task]: 1 } }),
    status: 503,
    code: 'UNAVAILABLE',
    reason: 'timeout',
  },
  {
    name: 'hits a conditional-check failure',
    run: (task) => ({ taskOverrides: { [task]: (input, runTask) => runTask(withForeignLease(input)) } }),
    status: 503,
    code: 'UNAVAILABLE',
    reason: 'lease lost',
  },
];

const caughtPath = (task: Task): string[] => [
  'ExecutionStarted',
  ...(task === 'Commit' ? ['StateEntered Reserve', 'StateExited Reserve'] : []),
  `StateEntered ${task}`,
  `StateFailed ${task}`,
  `StateCaught ${task}`,
  `StateExited ${task}`,
  'StateEntered Rollback',
  'StateExited Rollback',
  'StateEntered Failed',
  'StateFailed Failed',
  'ExecutionFailed',
];

describe.each(['Reserve', 'Commit'] as const)('when %s fails', (task) => {
  it.each(failureModes)('because it $name, the order is FAILED and nothing moved', async (mode) => {
    const userId = await fundedUser('1000.00');
    const before = await accountOf(userId);

    const call = await placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.01' }, { run: mode.run(task) });

    expect(call.status).toBe(mode.status);
    expect(call.body).toMatchObject({
      error: { code: mode.code, message: expect.any(String), requestId: expect.any(String) },
      order: { side: 'BUY', asset: 'BTC', total: '500.00', status: 'FAILED', failureReason: mode.reason },
    });
    expect(await accountOf(userId)).toEqual(before);
    expect(before.balance.USD).toEqual({ available: 100_000n, held: 0n });
    expect((await ordersOf(userId)).map((order) => [order.status, order.failureReason])).toEqual([
      ['FAILED', mode.reason],
    ]);
    expect(await lockIsFree(userId)).toBe(true);
    expect(pathOf(await eventsOf(call))).toEqual(caughtPath(task));
  });
});

describe('a task whose write landed but whose answer was lost', () => {
  const landsThenHangs = (task: Task): OrderWorkflowRunOptions => ({
    taskOverrides: {
      [task]: async (input, runTask) => {
        await runTask(input);
        return never();
      },
    },
    taskTimeoutSeconds: { [task]: 1 },
  });

  it('Reserve: the rollback finds the hold it never heard of and returns it', async () => {
    const userId = await fundedUser('1000.00');
    const before = await accountOf(userId);
    const call = await placeOrder(
      userId,
      'buy',
      { asset: 'BTC', quantity: '0.01' },
      { run: landsThenHangs('Reserve') },
    );
    expect(call.status).toBe(503);
    expect(call.body).toMatchObject({ order: { status: 'FAILED', failureReason: 'timeout' } });
    expect(await accountOf(userId)).toEqual(before);
    expect(await lockIsFree(userId)).toBe(true);
    expect(pathOf(await eventsOf(call))).toEqual(caughtPath('Reserve'));
  });

  it('Commit: the rollback finds the order COMPLETED, changes nothing, and the buyer gets the 201', async () => {
    const userId = await fundedUser('1000.00');
    const call = await placeOrder(
      userId,
      'buy',
      { asset: 'BTC', quantity: '0.01' },
      { run: landsThenHangs('Commit') },
    );
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({
      order: { status: 'COMPLETED', total: '500.00' },
      balance: {
        cash: { available: '500.00', held: '0.00' },
        assets: { BTC: { available: '0.01000000', held: '0.00000000' } },
      },
    });
    const { balance, ledger } = await accountOf(userId);
    expect(balance).toEqual({
      USD: { available: 50_000n, held: 0n },
      BTC: { available: 1_000_000n, held: 0n },
    });
    expect(ledger.map((entry) => [entry.type, entry.asset, entry.amount])).toEqual([
      ['DEPOSIT', 'USD', 100_000n],
      ['BUY', 'USD', -50_000n],
      ['BUY', 'BTC', 1_000_000n],
    ]);
    expect(await lockIsFree(userId)).toBe(true);
    expect(pathOf(await eventsOf(call))).toEqual(caughtPath('Commit'));
  });
});

describe('a sell whose Commit fails', () => {
  it('returns the held asset to available', async () => {
    const userId = await fundedUser('1000.00');
    expect((await placeOrder(userId, 'buy', { asset: 'ETH', quantity: '0.1' })).status).toBe(201);
    const before = await accountOf(userId);

    const call = await placeOrder(
      userId,
      'sell',
      { asset: 'ETH', quantity: '0.1' },
      { run: failureModes[0]?.run('Commit') },
    );

    expect(call.status).toBe(500);
    expect(call.body).toMatchObject({ order: { side: 'SELL', status: 'FAILED', total: '300.00' } });
    expect(await accountOf(userId)).toEqual(before);
    expect(before.balance.ETH).toEqual({ available: 10_000_000n, held: 0n });
    expect(await lockIsFree(userId)).toBe(true);
  });
});

describe('Rollback', () => {
  it('is retried when it fails itself, and then settles the order', async () => {
    const userId = await fundedUser('1000.00');
    const before = await accountOf(userId);
    let rollbackCalls = 0;
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
            Rollback: (input, runTask) => {
              rollbackCalls++;
              if (rollbackCalls === 1) throw new Error('rollback hiccup');
              return runTask(input);
            },
          },
          retryIntervalsMs: { Rollback: 0 },
        },
      },
    );
    expect(rollbackCalls).toBe(2);
    expect(call.status).toBe(500);
    expect(call.body).toMatchObject({ order: { status: 'FAILED', failureReason: 'internal error' } });
    expect(await accountOf(userId)).toEqual(before);
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
      'StateFailed Rollback',
      'StateRetried Rollback',
      'StateExited Rollback',
      'StateEntered Failed',
      'StateFailed Failed',
      'ExecutionFailed',
    ]);
  });
});
