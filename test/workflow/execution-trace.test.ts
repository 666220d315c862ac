import { afterEach, describe, expect, it, vi } from 'vitest';
import { useOrderWorkflow } from '../../common/orders/workflow-port';
import { executionTrace } from '../../local/execution-trace';
import { localOrderWorkflow } from '../../local/order-workflow-runner';
import { callOrderHandler, eventsOf, fundedUser, placeOrder } from './order-harness';

const TRACE = /^order (\S+) (.+): (\S+(?: \(\S+\))?) in \d+ ms$/;

describe('the one-line trace of an order execution', () => {
  it('reads Reserve → Commit → Completed for a buy that went through', async () => {
    const userId = await fundedUser('100.00');
    const bought = await placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.0001' });
    expect(bought.status).toBe(201);
    const [, , path, ending] = TRACE.exec(executionTrace('buy-1', await eventsOf(bought))) ?? [];
    expect(path).toBe('Reserve → Commit → Completed');
    expect(ending).toBe('SUCCEEDED');
  });

  it('shows where it failed and that it rolled back', async () => {
    const userId = await fundedUser('1.00');
    const refused = await placeOrder(userId, 'buy', { asset: 'BTC', quantity: '1' });
    expect(refused.status).toBe(422);
    const [, , path, ending] = TRACE.exec(executionTrace('buy-2', await eventsOf(refused))) ?? [];
    expect(path).toBe('Reserve ✗ InsufficientFundsError → Rollback → Failed');
    expect(ending).toBe('FAILED (OrderRejected)');
  });
});

describe('LOCKSTEP_TRACE_ORDERS=1', () => {
  afterEach(() => {
    useOrderWorkflow(undefined);
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  async function tracedLines(traced: boolean): Promise<string[]> {
    vi.stubEnv('LOCKSTEP_TRACE_ORDERS', traced ? '1' : '');
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const userId = await fundedUser('100.00');
    useOrderWorkflow(localOrderWorkflow);
    const answer = await callOrderHandler(userId, 'buy', { asset: 'BTC', quantity: '0.0001' });
    expect(answer.status).toBe(201);
    await vi.waitFor(() => expect(printed.mock.calls.length > 0 || !traced).toBe(true));
    return printed.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith('order '));
  }

  it('makes the local workflow print each execution’s trace', async () => {
    const lines = await tracedLines(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^order \S+ Reserve → Commit → Completed: SUCCEEDED in \d+ ms$/);
  });

  it('prints nothing without it', async () => {
    expect(await tracedLines(false)).toEqual([]);
  });
});
