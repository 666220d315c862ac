import type { FinalUserState } from '../../../check/final-state';
import { type Attempt, type Operation, type OperationKind, ROUTE_OF } from '../../../check/history';
import type { CheckInput } from '../../../check/invariant';

/**
 * A small, consistent history of one user, written by hand so each test can break exactly one thing:
 * fund 100.00, buy 0.001 BTC for 50.00, withdraw 20.00, sell 0.0004 BTC for 20.00, a withdrawal
 * refused, and a buy refused with its FAILED order.
 */
export const USER = 'user-1';

let clock = 1_000;
export function answer(status: number, body: unknown, replayed = false): Attempt {
  clock += 10;
  return { startedAt: clock, endedAt: clock + 5, status, replayed, body: JSON.stringify(body) };
}

export function lost(error: Attempt['error'] = 'timeout'): Attempt {
  clock += 10;
  return { startedAt: clock, endedAt: clock + 5, error };
}

const holding = (available: string, held: string) => ({ available, held });
const balanceBody = (usd: string, btc?: string) => ({
  cash: holding(usd, '0.00'),
  assets: btc === undefined ? {} : { BTC: holding(btc, '0.00000000') },
});

export const tx = (
  id: string,
  type: string,
  asset: string,
  amount: string,
  balanceAfter: string,
  orderId?: string,
) => ({
  id,
  type,
  asset,
  amount,
  balanceAfter,
  ...(orderId ? { orderId } : {}),
  createdAt: '2026-01-01T00:00:00.000Z',
});

export const order = (
  orderId: string,
  side: 'BUY' | 'SELL',
  asset: string,
  quantity: string,
  price: string,
  total: string,
  status: string,
) => ({
  orderId,
  side,
  type: 'MARKET',
  asset,
  quantity,
  price,
  total,
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

export function operation(
  id: number,
  kind: OperationKind,
  body: Record<string, string | number>,
  attempts: Attempt[],
): Operation {
  const { method, path } = ROUTE_OF[kind];
  return { id, kind, userId: USER, key: `key-${id}`, method, path, body, attempts };
}

export const LEDGER = {
  fund: tx('T1', 'DEPOSIT', 'USD', '100.00', '100.00'),
  buyCash: tx('T2', 'BUY', 'USD', '-50.00', '50.00', 'O1'),
  buyAsset: tx('T3', 'BUY', 'BTC', '0.00100000', '0.00100000', 'O1'),
  withdraw: tx('T4', 'WITHDRAWAL', 'USD', '-20.00', '30.00'),
  sellAsset: tx('T5', 'SELL', 'BTC', '-0.00040000', '0.00060000', 'O2'),
  sellCash: tx('T6', 'SELL', 'USD', '20.00', '50.00', 'O2'),
};

export function consistentOperations(): Operation[] {
  return [
    operation(0, 'fund', { amount: '100.00' }, [
      answer(201, { transaction: LEDGER.fund, balance: balanceBody('100.00') }),
    ]),
    operation(1, 'buy', { asset: 'BTC', quantity: '0.00100000' }, [
      lost('aborted'),
      answer(201, {
        order: order('O1', 'BUY', 'BTC', '0.00100000', '50000.00', '50.00', 'COMPLETED'),
        balance: balanceBody('50.00', '0.00100000'),
      }),
    ]),
    operation(2, 'withdraw', { amount: '20.00' }, [
      answer(409, { error: { code: 'LOCKED', message: 'busy', requestId: 'r' } }),
      answer(201, { transaction: LEDGER.withdraw, balance: balanceBody('30.00', '0.00100000') }),
      answer(201, { transaction: LEDGER.withdraw, balance: balanceBody('30.00', '0.00100000') }, true),
    ]),
    operation(3, 'sell', { asset: 'BTC', quantity: '0.00040000' }, [
      answer(201, {
        order: order('O2', 'SELL', 'BTC', '0.00040000', '50000.00', '20.00', 'COMPLETED'),
        balance: balanceBody('50.00', '0.00060000'),
      }),
    ]),
    operation(4, 'withdraw', { amount: '500.00' }, [
      answer(422, { error: { code: 'INSUFFICIENT_FUNDS', message: 'Insufficient funds', requestId: 'r4' } }),
    ]),
    operation(5, 'buy', { asset: 'BTC', quantity: '1.00000000' }, [
      answer(422, {
        error: { code: 'INSUFFICIENT_FUNDS', message: 'Insufficient funds', requestId: 'r5' },
        order: {
          ...order('O3', 'BUY', 'BTC', '1.00000000', '50000.00', '50000.00', 'FAILED'),
          failureReason: 'INSUFFICIENT_FUNDS',
        },
      }),
    ]),
  ];
}

/** A final state whose lists were read in full. */
export interface FixtureState extends FinalUserState {
  readonly transactions: readonly unknown[];
  readonly orders: readonly unknown[];
  readonly holds: readonly unknown[];
}

/** When the fixtures' final state was read: after every timestamp they hold. */
export const READ_AT = Date.parse('2026-01-01T01:00:00.000Z');

export function consistentState(): FixtureState {
  return {
    userId: USER,
    readAt: READ_AT,
    holds: [],
    balance: balanceBody('50.00', '0.00060000'),
    // Newest first, as the API lists them.
    transactions: [
      LEDGER.sellCash,
      LEDGER.sellAsset,
      LEDGER.withdraw,
      LEDGER.buyAsset,
      LEDGER.buyCash,
      LEDGER.fund,
    ],
    orders: [
      order('O3', 'BUY', 'BTC', '1.00000000', '50000.00', '50000.00', 'FAILED'),
      order('O2', 'SELL', 'BTC', '0.00040000', '50000.00', '20.00', 'COMPLETED'),
      order('O1', 'BUY', 'BTC', '0.00100000', '50000.00', '50.00', 'COMPLETED'),
    ],
  };
}

export function consistentInput(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    operations: consistentOperations(),
    userIds: [USER],
    finalStates: [consistentState()],
    serverFaults: false,
    ...overrides,
  };
}
