import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../../check/check-invariants';
import type { FinalUserState } from '../../../check/final-state';
import type { Operation } from '../../../check/history';
import { type CheckInput, passed } from '../../../check/invariant';
import {
  answer,
  consistentInput,
  consistentOperations,
  consistentState,
  type FixtureState,
  LEDGER,
  lost,
  operation,
  order,
  tx,
  USER,
} from './history-fixtures';
import { failing, resultOf } from './invariant-results';

function withState(change: (state: FixtureState) => FinalUserState): CheckInput {
  return consistentInput({ finalStates: [change(consistentState())] });
}

function withOperations(change: (operations: Operation[]) => Operation[]): CheckInput {
  return consistentInput({ operations: change(consistentOperations()) });
}

const balance = (usd: [string, string], btc: [string, string]) => ({
  cash: { available: usd[0], held: usd[1] },
  assets: { BTC: { available: btc[0], held: btc[1] } },
});

describe('the invariant checker', () => {
  it('passes a consistent history, every invariant having looked at something', () => {
    const results = checkInvariants(consistentInput());
    expect(results.filter((result) => !passed(result))).toEqual([]);
    expect(results.map((result) => result.id)).toEqual([
      'model',
      'bank-total',
      'held',
      'ledger-sum',
      'balance-after-chain',
      'non-negative',
      'orders-resolved',
      'cancels',
      'holds',
      'payments',
      'replays',
      'no-5xx',
      'exactly-once',
      'daily-limits',
      'definite',
      'answers',
    ]);
    // Trades leave the bank total to the model; cancels, holds and payments have histories of their own.
    expect(results.filter((result) => result.skipped !== undefined).map((result) => result.id)).toEqual([
      'bank-total',
      'cancels',
      'holds',
      'payments',
    ]);
    for (const result of results) {
      if (result.skipped === undefined) expect(result.checked, result.id).toBeGreaterThan(0);
    }
  });

  it('model: an acknowledged deposit that the balance and the ledger lost', () => {
    const input = withOperations((operations) => [
      ...operations,
      operation(6, 'deposit', { amount: '5.00' }, [
        answer(201, {
          transaction: tx('T7', 'DEPOSIT', 'USD', '5.00', '55.00'),
          balance: balance(['55.00', '0.00'], ['0.00060000', '0.00000000']),
        }),
      ]),
    ]);
    const result = resultOf(input, 'model');
    expect(passed(result)).toBe(false);
    expect(result.violations[0]?.message).toMatch(
      /USD: available \+ held is 50\.00 USD, the acknowledged operations give 55\.00 USD/,
    );
  });

  it('held: funds still held after quiescence with nothing PENDING or OPEN, even with the right total', () => {
    const input = withState((state) => ({
      ...state,
      balance: balance(['40.00', '10.00'], ['0.00060000', '0.00000000']),
    }));
    expect(failing(input)).toEqual(['held']);
    expect(resultOf(input, 'held').violations[0]?.message).toMatch(
      /USD: held is 10\.00 USD after quiescence, its PENDING holds and OPEN orders reserve 0\.00 USD/,
    );
  });

  it('ledger-sum: a balance the ledger does not add up to', () => {
    const input = withState((state) => ({
      ...state,
      balance: balance(['50.00', '0.00'], ['0.00070000', '0.00000000']),
    }));
    expect(failing(input)).toContain('ledger-sum');
    expect(resultOf(input, 'ledger-sum').violations[0]?.message).toMatch(
      /BTC: the ledger sums to 0\.00060000 BTC, available \+ held is 0\.00070000 BTC/,
    );
  });

  it('balance-after-chain: an entry whose balanceAfter is not previous + amount', () => {
    const input = withState((state) => ({
      ...state,
      transactions: state.transactions.map((entry) =>
        entry === LEDGER.withdraw ? { ...LEDGER.withdraw, balanceAfter: '31.00' } : entry,
      ),
    }));
    const result = resultOf(input, 'balance-after-chain');
    expect(passed(result)).toBe(false);
    expect(result.violations[0]?.message).toMatch(
      /T4 .* says balanceAfter 31\.00 USD, previous 50\.00 USD \+ amount is 30\.00 USD/,
    );
  });

  it('balance-after-chain: entries chained in the wrong order', () => {
    // T4 and T6 swap places in time: the sums still match, the chain does not.
    const input = withState((state) => ({
      ...state,
      transactions: [
        tx('T6', 'WITHDRAWAL', 'USD', '-20.00', '30.00'),
        LEDGER.sellAsset,
        tx('T4', 'SELL', 'USD', '20.00', '50.00', 'O2'),
        LEDGER.buyAsset,
        LEDGER.buyCash,
        LEDGER.fund,
      ],
    }));
    expect(passed(resultOf(input, 'balance-after-chain'))).toBe(false);
  });

  it('non-negative: an acknowledged overdraft, consistent in every other way', () => {
    const fund = tx('T1', 'DEPOSIT', 'USD', '100.00', '100.00');
    const overdraft = tx('T2', 'WITHDRAWAL', 'USD', '-150.00', '-50.00');
    const input: CheckInput = {
      userIds: [USER],
      serverFaults: false,
      operations: [
        operation(0, 'fund', { amount: '100.00' }, [answer(201, { transaction: fund, balance: {} })]),
        operation(1, 'withdraw', { amount: '150.00' }, [
          answer(201, { transaction: overdraft, balance: {} }),
        ]),
      ],
      finalStates: [
        {
          userId: USER,
          readAt: 0,
          holds: [],
          balance: { cash: { available: '-50.00', held: '0.00' }, assets: {} },
          transactions: [overdraft, fund],
          orders: [],
        },
      ],
    };
    expect(failing(input)).toEqual(['non-negative']);
    expect(resultOf(input, 'non-negative').violations.map((violation) => violation.message)).toEqual([
      'USD: available -50.00 USD, held 0.00 USD',
      'ledger entry T2 (WITHDRAWAL) left USD at -50.00 USD',
    ]);
  });

  it('orders-resolved: an order still PENDING', () => {
    const input = withState((state) => ({
      ...state,
      orders: [
        order('O4', 'BUY', 'SOL', '1.00000000', '150.00', '150.00', 'PENDING'),
        ...(state.orders ?? []),
      ],
    }));
    expect(failing(input)).toEqual(['orders-resolved']);
    expect(resultOf(input, 'orders-resolved').violations[0]?.message).toMatch(
      /order O4 .* is PENDING after quiescence/,
    );
  });

  it('orders-resolved: an acknowledged order listed as FAILED, a refused one as COMPLETED', () => {
    const input = withState((state) => ({
      ...state,
      orders: [
        order('O3', 'BUY', 'BTC', '1.00000000', '50000.00', '50000.00', 'COMPLETED'),
        order('O2', 'SELL', 'BTC', '0.00040000', '50000.00', '20.00', 'FAILED'),
        order('O1', 'BUY', 'BTC', '0.00100000', '50000.00', '50.00', 'COMPLETED'),
      ],
    }));
    const messages = resultOf(input, 'orders-resolved').violations.map((violation) => violation.message);
    expect(messages).toEqual([
      expect.stringMatching(/sell #3 .* order O2 COMPLETED, but GET \/orders lists it as FAILED/),
      expect.stringMatching(/buy #5 .* order O3 FAILED, but GET \/orders lists it as COMPLETED/),
      'order O3 is COMPLETED, but no request was acknowledged with it',
    ]);
  });

  it('orders-resolved: a run that could place no orders fails, unless it asked for --cash-only', () => {
    const cashOnly = consistentInput({
      operations: consistentOperations().filter(
        (candidate) => candidate.kind !== 'buy' && candidate.kind !== 'sell',
      ),
      finalStates: [
        {
          ...consistentState(),
          transactions: [LEDGER.withdraw, LEDGER.fund],
          balance: balance(['80.00', '0.00'], ['0.00000000', '0.00000000']),
          orders: [],
        },
      ],
    });
    const unavailable = resultOf(
      { ...cashOnly, ordersExcluded: { reason: 'POST /orders/buy answered 500 INTERNAL', requested: false } },
      'orders-resolved',
    );
    expect(unavailable.violations.map((violation) => violation.message)).toEqual([
      'no orders could be placed, so none were checked: POST /orders/buy answered 500 INTERNAL',
    ]);
    const requested = resultOf(
      { ...cashOnly, ordersExcluded: { reason: '--cash-only', requested: true } },
      'orders-resolved',
    );
    expect(passed(requested)).toBe(true);
    expect(requested.skipped).toBe('--cash-only');
  });

  it('replays: a replay whose body differs from the first answer', () => {
    const input = withOperations((operations) =>
      operations.map((candidate) =>
        candidate.id === 2
          ? {
              ...candidate,
              attempts: [
                ...candidate.attempts.slice(0, 2),
                answer(
                  201,
                  { transaction: { ...LEDGER.withdraw, balanceAfter: '29.00' }, balance: {} },
                  true,
                ),
              ],
            }
          : candidate,
      ),
    );
    expect(failing(input)).toEqual(['replays']);
    expect(resultOf(input, 'replays').violations[0]?.message).toMatch(
      /withdraw #2 \(key key-2\): a replay answered 201/,
    );
  });

  it('replays: a second answer without Idempotent-Replayed, i.e. the key ran twice', () => {
    const input = withOperations((operations) =>
      operations.map((candidate) =>
        candidate.id === 4
          ? {
              ...candidate,
              attempts: [
                ...candidate.attempts,
                answer(422, {
                  error: { code: 'INSUFFICIENT_FUNDS', message: 'Insufficient funds', requestId: 'r4' },
                }),
              ],
            }
          : candidate,
      ),
    );
    expect(failing(input)).toEqual(['replays']);
    expect(resultOf(input, 'replays').violations[0]?.message).toMatch(
      /withdraw #4 .*: 2 answers without Idempotent-Replayed \(422, 422\): executed 2 times\?/,
    );
  });

  it('replays: a replay that came back before the original request it replays is fine', () => {
    const input = withOperations((operations) =>
      operations.map((candidate) =>
        candidate.id === 2
          ? { ...candidate, attempts: [...candidate.attempts.slice(2), ...candidate.attempts.slice(0, 2)] }
          : candidate,
      ),
    );
    expect(failing(input)).toEqual([]);
  });

  it('no-5xx: a 503 fails a run without server faults and is allowed with them', () => {
    const unavailable = answer(503, { error: { code: 'UNAVAILABLE', message: 'busy', requestId: 'r' } });
    const change = (operations: Operation[]) =>
      operations.map((candidate) =>
        candidate.id === 0 ? { ...candidate, attempts: [unavailable, ...candidate.attempts] } : candidate,
      );
    expect(failing(withOperations(change))).toEqual(['no-5xx']);
    expect(failing({ ...withOperations(change), serverFaults: true })).toEqual([]);
  });

  const refusedByLimit = (id: number, amount: string, figures: Record<string, string>) =>
    operation(id, 'withdraw', { amount }, [
      answer(422, {
        error: {
          code: 'DAILY_LIMIT_EXCEEDED',
          message: 'Daily withdrawal limit exceeded',
          requestId: `r${id}`,
        },
        dailyLimit: {
          kind: 'withdrawal',
          day: '2026-01-01',
          limit: '5000.00',
          requested: amount,
          resetsAt: '2026-01-02T00:00:00.000Z',
          ...figures,
        },
      }),
    ]);

  it('daily-limits: a true refusal passes; one claiming use that was never acknowledged fails', () => {
    const truthful = refusedByLimit(6, '5000.00', { used: '20.00', remaining: '4980.00' });
    expect(failing(withOperations((operations) => [...operations, truthful]))).toEqual([]);
    const inflated = refusedByLimit(6, '10.00', { used: '4995.00', remaining: '5.00' });
    const result = resultOf(
      withOperations((operations) => [...operations, inflated]),
      'daily-limits',
    );
    expect(result.violations.map((violation) => violation.message)).toEqual([
      'withdraw #6 (key key-6): DAILY_LIMIT_EXCEEDED, but it claims 4995.00 USD used on 2026-01-01, but only 20.00 USD was acknowledged that day',
    ]);
    const miscounted = refusedByLimit(6, '10.00', { used: '20.00', remaining: '4990.00' });
    expect(
      resultOf(
        withOperations((operations) => [...operations, miscounted]),
        'daily-limits',
      ).violations,
    ).toHaveLength(1);
  });

  it('daily-limits: withdrawals acknowledged past the limit on one UTC day, but not across two', () => {
    const withdrawal = (id: number, createdAt: string) =>
      operation(id, 'withdraw', { amount: '4990.00' }, [
        answer(201, {
          transaction: { ...tx(`W${id}`, 'WITHDRAWAL', 'USD', '-4990.00', '0.00'), createdAt },
          balance: { cash: { available: '0.00', held: '0.00' }, assets: {} },
        }),
      ]);
    const sameDay = withOperations((operations) => [
      ...operations,
      withdrawal(6, '2026-01-01T23:59:59.999Z'),
    ]);
    expect(resultOf(sameDay, 'daily-limits').violations.map((violation) => violation.message)).toEqual([
      '2026-01-01: 5010.00 USD of withdrawals acknowledged, past the daily limit of 5000.00 USD',
    ]);
    const nextDay = withOperations((operations) => [
      ...operations,
      withdrawal(6, '2026-01-02T00:00:00.000Z'),
    ]);
    expect(resultOf(nextDay, 'daily-limits').violations).toEqual([]);
  });

  it('exactly-once: an acknowledged deposit written to the ledger twice', () => {
    const input = withState((state) => ({
      ...state,
      balance: balance(['150.00', '0.00'], ['0.00060000', '0.00000000']),
      transactions: [tx('T9', 'DEPOSIT', 'USD', '100.00', '150.00'), ...state.transactions],
    }));
    const result = resultOf(input, 'exactly-once');
    expect(result.violations.map((violation) => violation.message)).toEqual([
      'ledger entry T9 (DEPOSIT 100.00 USD) belongs to no acknowledged operation',
    ]);
    expect(failing(input)).toEqual(['model', 'exactly-once']);
  });

  it('exactly-once: one entry listed twice, and an order with a leg missing', () => {
    const input = withState((state) => ({
      ...state,
      transactions: [
        LEDGER.sellCash,
        LEDGER.withdraw,
        LEDGER.withdraw,
        LEDGER.buyAsset,
        LEDGER.buyCash,
        LEDGER.fund,
      ],
    }));
    const messages = resultOf(input, 'exactly-once').violations.map((violation) => violation.message);
    expect(messages).toContain('ledger entry id T4 is listed twice');
    expect(messages).toContainEqual(expect.stringMatching(/sell #3 .* order O2 has 1 ledger entries/));
  });

  it('exactly-once: a refused order that moved money anyway', () => {
    const input = withState((state) => ({
      ...state,
      transactions: [tx('T8', 'BUY', 'USD', '-0.00', '50.00', 'O3'), ...state.transactions],
    }));
    expect(resultOf(input, 'exactly-once').violations.map((violation) => violation.message)).toContainEqual(
      expect.stringMatching(/buy #5 .* was rejected, yet its order O3 has 1 ledger entries/),
    );
  });

  it('definite: an operation that never got a definite answer', () => {
    const input = withOperations((operations) => [
      ...operations,
      operation(6, 'deposit', { amount: '1.00' }, [lost('timeout'), lost('network')]),
    ]);
    expect(failing(input)).toEqual(['definite']);
    expect(resultOf(input, 'definite').violations[0]?.message).toMatch(
      /deposit #6 .* no definite answer after 2 attempts \(last: network\)/,
    );
  });

  it('answers: an answer outside the contract, and acknowledgements that do not match their request', () => {
    const input = withOperations((operations) => [
      ...operations.map((candidate) => {
        if (candidate.id === 0) return { ...candidate, body: { amount: '99.00' } };
        if (candidate.id === 4)
          return {
            ...candidate,
            attempts: [
              answer(400, { error: { code: 'VALIDATION_ERROR', message: 'bad', requestId: 'r' } }),
              ...candidate.attempts,
            ],
          };
        return candidate;
      }),
    ]);
    const messages = resultOf(input, 'answers').violations.map((violation) => violation.message);
    expect(messages).toEqual([
      expect.stringMatching(/fund #0 .* 201 moved 100\.00, the request asked for 99\.00/),
      expect.stringMatching(/withdraw #4 .* 400 VALIDATION_ERROR is not an answer this request can get/),
    ]);
  });

  it('answers: a buy total rounded down instead of up', () => {
    const buy = order('O1', 'BUY', 'BTC', '0.00000123', '50000.00', '0.06', 'COMPLETED');
    const input: CheckInput = {
      userIds: [USER],
      serverFaults: false,
      operations: [
        operation(0, 'buy', { asset: 'BTC', quantity: '0.00000123' }, [
          answer(201, { order: buy, balance: {} }),
        ]),
      ],
      finalStates: [],
    };
    // 0.00000123 × 50000.00 = 0.0615: a buyer pays 0.07.
    expect(resultOf(input, 'answers').violations[0]?.message).toMatch(
      /total 0\.06 is not quantity × price rounded up/,
    );
  });

  it('answers: a ledger that could not be read to the end is reported, not taken as empty', () => {
    const input = withState((state) => ({ ...state, transactions: undefined }));
    expect(resultOf(input, 'answers').violations[0]?.message).toBe(
      'GET /transactions could not be read to the last page',
    );
  });

  it('answers: a final state that cannot be read is reported, not skipped', () => {
    const input = withState((state) => ({
      ...state,
      transactions: [...state.transactions, { id: 'T0', amount: 'lots' }],
    }));
    expect(resultOf(input, 'answers').violations[0]?.message).toMatch(/ledger entry is not readable/);
  });
});
