import { describe, expect, it } from 'vitest';
import type { FinalUserState } from '../../../check/final-state';
import { type Operation, ROUTE_OF } from '../../../check/history';
import type { CheckInput } from '../../../check/invariant';
import {
  answer,
  consistentInput,
  consistentOperations,
  consistentState,
  type FixtureState,
  operation,
  order,
  tx,
} from './history-fixtures';
import { failing, messages, resultOf } from './invariant-results';

/**
 * The consistent one-user history, then limit orders: O4, a BUY limited at 49000.00, rested OPEN and
 * filled later at 48000.00 with no answer telling it; O5, a SELL limited at 60000.00, still rests
 * with its BTC held; O6 rested and was cancelled; a cancel of the filled O4 was refused; the admin
 * moved BTC to 48000.00.
 */
const LATER = '2026-01-01T02:00:00.000Z';
const limitOrder = (
  orderId: string,
  side: 'BUY' | 'SELL',
  quantity: string,
  price: string,
  total: string,
  status: string,
  limitPrice: string,
) => ({
  ...order(orderId, side, 'BTC', quantity, price, total, status),
  type: 'LIMIT',
  limitPrice,
  expiresAt: LATER,
});

const FILL = {
  cash: tx('T7', 'BUY', 'USD', '-48.00', '2.00', 'O4'),
  asset: tx('T8', 'BUY', 'BTC', '0.00100000', '0.00160000', 'O4'),
};
const O4_OPEN = limitOrder('O4', 'BUY', '0.00100000', '49000.00', '49.00', 'OPEN', '49000.00');
const O4_FILLED = limitOrder('O4', 'BUY', '0.00100000', '48000.00', '48.00', 'COMPLETED', '49000.00');
const O5_OPEN = limitOrder('O5', 'SELL', '0.00050000', '60000.00', '30.00', 'OPEN', '60000.00');
const O6_OPEN = limitOrder('O6', 'BUY', '0.00010000', '40000.00', '4.00', 'OPEN', '40000.00');
const O6_CANCELLED = { ...O6_OPEN, status: 'CANCELLED' };

const limitBody = (side: string, quantity: string, limitPrice: string) => ({
  asset: 'BTC',
  quantity,
  type: 'LIMIT',
  limitPrice,
  side,
});

function cancel(id: number, orderId: string, attempts: Operation['attempts']): Operation {
  return {
    ...operation(id, 'cancel', {}, attempts),
    path: ROUTE_OF.cancel.path.replace('{id}', orderId),
    target: orderId,
  };
}

function tradingOperations(): Operation[] {
  const strip = ({ side: _side, ...body }: ReturnType<typeof limitBody>) => body;
  return [
    ...consistentOperations(),
    operation(6, 'buy', strip(limitBody('BUY', '0.00100000', '49000.00')), [answer(201, { order: O4_OPEN })]),
    operation(7, 'sell', strip(limitBody('SELL', '0.00050000', '60000.00')), [
      answer(201, { order: O5_OPEN }),
    ]),
    operation(8, 'buy', strip(limitBody('BUY', '0.00010000', '40000.00')), [answer(201, { order: O6_OPEN })]),
    cancel(9, 'O6', [answer(201, { order: O6_CANCELLED })]),
    cancel(10, 'O4', [
      answer(409, { error: { code: 'ORDER_NOT_OPEN', message: 'filled', requestId: 'r10' } }),
    ]),
    {
      ...operation(11, 'price', { price: '48000.00' }, [
        answer(200, { asset: 'BTC', name: 'Bitcoin', price: '48000.00' }),
      ]),
      userId: 'admin',
      path: '/assets/BTC',
      target: 'BTC',
    },
  ];
}

function tradingState(): FixtureState {
  const state = consistentState();
  return {
    ...state,
    balance: {
      cash: { available: '2.00', held: '0.00' },
      assets: { BTC: { available: '0.00110000', held: '0.00050000' } },
    },
    transactions: [FILL.asset, FILL.cash, ...state.transactions],
    orders: [O6_CANCELLED, O5_OPEN, O4_FILLED, ...state.orders],
  };
}

const LISTED = { items: [{ asset: 'BTC', name: 'Bitcoin', price: '48000.00' }] };

function tradingInput(overrides: Partial<CheckInput> = {}): CheckInput {
  return consistentInput({
    operations: tradingOperations(),
    finalStates: [tradingState()],
    listedAssets: LISTED,
    ...overrides,
  });
}

const withOrders = (change: (orders: readonly unknown[]) => unknown[], extra: Partial<FinalUserState> = {}) =>
  tradingInput({ finalStates: [{ ...tradingState(), orders: change(tradingState().orders), ...extra }] });

const replacing = (orderId: string, replacement: unknown) => (orders: readonly unknown[]) =>
  orders.map((candidate) =>
    typeof candidate === 'object' &&
    candidate !== null &&
    'orderId' in candidate &&
    candidate.orderId === orderId
      ? replacement
      : candidate,
  );

describe('the trading invariants', () => {
  it('pass a history whose resting orders filled, rest, or were cancelled without an answer saying so', () => {
    expect(failing(tradingInput())).toEqual([]);
    for (const id of ['model', 'held', 'orders-resolved', 'cancels', 'exactly-once']) {
      expect(resultOf(tradingInput(), id).skipped, id).toBeUndefined();
    }
    expect(resultOf(tradingInput(), 'cancels').checked).toBe(3);
  });

  it('model and exactly-once: a resting order that filled with its ledger entries missing', () => {
    const state = tradingState();
    const input = tradingInput({
      finalStates: [
        {
          ...state,
          transactions: state.transactions.filter((entry) => entry !== FILL.cash && entry !== FILL.asset),
          balance: {
            cash: { available: '50.00', held: '0.00' },
            assets: { BTC: { available: '0.00010000', held: '0.00050000' } },
          },
        },
      ],
    });
    expect(failing(input)).toEqual(['model', 'exactly-once']);
    expect(messages(input, 'exactly-once')).toEqual([
      expect.stringMatching(
        /buy #6 .*: acknowledged order O4 has 0 ledger entries \(\), expected 2 \(-48\.00 USD/,
      ),
    ]);
  });

  it('held: an OPEN order whose funds are not held', () => {
    const input = tradingInput({
      finalStates: [
        {
          ...tradingState(),
          balance: {
            cash: { available: '2.00', held: '0.00' },
            assets: { BTC: { available: '0.00160000', held: '0.00000000' } },
          },
        },
      ],
    });
    expect(failing(input)).toEqual(['held']);
    expect(messages(input, 'held')).toEqual([
      'BTC: held is 0.00000000 BTC after quiescence, its PENDING holds and OPEN orders reserve 0.00050000 BTC',
    ]);
  });

  it('held: an OPEN buy holds quantity × limit rounded up to the cent', () => {
    // 0.00000123 BTC at a limit of 40000.00 is 0.0492 USD: 0.05 is held, not 0.04.
    const tiny = limitOrder('O7', 'BUY', '0.00000123', '40000.00', '0.05', 'OPEN', '40000.00');
    const input = withOrders((orders) => [tiny, ...orders], {
      balance: {
        cash: { available: '1.96', held: '0.04' },
        assets: { BTC: { available: '0.00110000', held: '0.00050000' } },
      },
    });
    expect(messages(input, 'held')).toEqual([
      'USD: held is 0.04 USD after quiescence, its PENDING holds and OPEN orders reserve 0.05 USD',
    ]);
  });

  it('orders-resolved: a fill worse than its limit', () => {
    const worse = { ...O4_FILLED, price: '49500.00', total: '49.50' };
    expect(messages(withOrders(replacing('O4', worse)), 'orders-resolved')).toEqual([
      'order O4 (LIMIT BUY BTC) filled at 4950000 cents, worse than its limit 4900000 cents after quiescence',
    ]);
  });

  it('orders-resolved: an OPEN order past its expiry, and one the listed price meets', () => {
    const stale = { ...O5_OPEN, expiresAt: '2026-01-01T00:10:00.000Z' };
    expect(messages(withOrders(replacing('O5', stale)), 'orders-resolved')).toEqual([
      'order O5 (LIMIT SELL BTC) is OPEN 3000.0 s past its expiresAt after quiescence',
    ]);
    const met = tradingInput({ listedAssets: { items: [{ asset: 'BTC', price: '61000.00' }] } });
    expect(messages(met, 'orders-resolved')).toEqual([
      'order O5 (LIMIT SELL BTC) is OPEN, but the listed price 6100000 cents meets its limit 6000000 cents after quiescence',
    ]);
  });

  it('orders-resolved: an order acknowledged OPEN that ended FAILED', () => {
    const failed = { ...O5_OPEN, status: 'FAILED' };
    expect(failing(withOrders(replacing('O5', failed)))).toContain('orders-resolved');
    expect(messages(withOrders(replacing('O5', failed)), 'orders-resolved')).toContainEqual(
      expect.stringMatching(/sell #7 .* order O5 OPEN, but GET \/orders lists it as FAILED/),
    );
  });

  it('cancels: an acknowledged cancel whose order filled, and a refused one whose order still rests', () => {
    const input = tradingInput({
      operations: tradingOperations().map((candidate) =>
        candidate.id === 10
          ? cancel(10, 'O5', [
              answer(409, { error: { code: 'ORDER_NOT_OPEN', message: 'closed', requestId: 'r10' } }),
            ])
          : candidate,
      ),
      finalStates: [
        {
          ...tradingState(),
          orders: replacing('O6', { ...O6_OPEN, status: 'COMPLETED', price: '40000.00' })(
            tradingState().orders,
          ),
        },
      ],
    });
    expect(messages(input, 'cancels')).toEqual([
      expect.stringMatching(/cancel #9 .*: answered 201 for order O6, which GET \/orders lists as COMPLETED/),
      expect.stringMatching(/cancel #10 .*: answered 409 for order O5, which GET \/orders lists as OPEN/),
    ]);
  });

  it('cancels: an order CANCELLED that no cancel was acknowledged for', () => {
    const input = withOrders(replacing('O5', { ...O5_OPEN, status: 'CANCELLED' }), {
      balance: {
        cash: { available: '2.00', held: '0.00' },
        assets: { BTC: { available: '0.00160000', held: '0.00000000' } },
      },
    });
    expect(messages(input, 'cancels')).toEqual(['order O5 is CANCELLED by 0 acknowledged cancels (none)']);
  });

  it('answers: a limit buy acknowledged as filled above its limit', () => {
    const input = tradingInput({
      operations: tradingOperations().map((candidate) =>
        candidate.id === 6
          ? {
              ...candidate,
              attempts: [answer(201, { order: { ...O4_FILLED, price: '50000.00', total: '50.00' } })],
            }
          : candidate,
      ),
    });
    expect(messages(input, 'answers')).toContainEqual(
      expect.stringMatching(/buy #6 .*: 201 order filled at 50000\.00, worse than its limit 49000\.00/),
    );
  });

  it('answers: a price change the listing does not show', () => {
    const input = tradingInput({
      operations: tradingOperations().map((candidate) =>
        candidate.id === 11
          ? { ...candidate, attempts: [answer(200, { asset: 'BTC', name: 'Bitcoin', price: '47000.00' })] }
          : candidate,
      ),
    });
    expect(messages(input, 'answers')).toEqual([
      expect.stringMatching(/price #11 .*: 200 does not list BTC at 48000\.00/),
    ]);
  });
});
