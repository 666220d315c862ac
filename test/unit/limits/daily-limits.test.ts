import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BalanceState, EMPTY_BALANCE } from '../../../common/accounts/balance-state';
import { DailyLimitExceededError } from '../../../common/errors';
import { DEFAULT_DAILY_LIMITS } from '../../../common/limits/daily-limit-defaults';
import {
  chargeDailyLimit,
  figuresOf,
  limitsOf,
  nextUtcMidnight,
  utcDayOf,
  withLimitOverrides,
} from '../../../common/limits/daily-limits';
import { limitsView } from '../../../common/limits/limits-view';

const NOON = new Date('2024-06-01T12:00:00.000Z');
const LAST_MS = new Date('2024-06-01T23:59:59.999Z');
const NEXT_DAY = new Date('2024-06-02T00:00:00.000Z');

function refusalOf(run: () => unknown): DailyLimitExceededError {
  try {
    run();
  } catch (error) {
    if (error instanceof DailyLimitExceededError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('daily limits', () => {
  it('are 10000.00 for deposits and 5000.00 for withdrawals by default', () => {
    expect(DEFAULT_DAILY_LIMITS).toEqual({ deposit: 1_000_000n, withdrawal: 500_000n });
    expect(limitsOf(EMPTY_BALANCE)).toEqual(DEFAULT_DAILY_LIMITS);
  });

  it('count the UTC day, whatever the local time zone says', () => {
    expect(utcDayOf(LAST_MS)).toBe('2024-06-01');
    expect(utcDayOf(NEXT_DAY)).toBe('2024-06-02');
    expect(nextUtcMidnight(NOON)).toEqual(NEXT_DAY);
    expect(nextUtcMidnight(LAST_MS)).toEqual(NEXT_DAY);
    expect(nextUtcMidnight(NEXT_DAY)).toEqual(new Date('2024-06-03T00:00:00.000Z'));
  });

  it('admit exactly the limit, and refuse one cent more with the figures', () => {
    const full = chargeDailyLimit(EMPTY_BALANCE, 'withdrawal', 480_000n, NOON);
    const exact = chargeDailyLimit(full, 'withdrawal', 20_000n, NOON);
    expect(exact.usage).toEqual({ day: '2024-06-01', deposit: 0n, withdrawal: 500_000n });
    const refusal = refusalOf(() => chargeDailyLimit(full, 'withdrawal', 20_001n, NOON));
    expect(refusal.code).toBe('DAILY_LIMIT_EXCEEDED');
    expect(refusal.business).toBe(true);
    expect(refusal.refusal).toEqual({
      kind: 'withdrawal',
      day: '2024-06-01',
      limit: '5000.00',
      used: '4800.00',
      remaining: '200.00',
      requested: '200.01',
      resetsAt: '2024-06-02T00:00:00.000Z',
    });
    expect(refusal.message).toContain(
      'limit 5000.00 USD, used 4800.00 USD on 2024-06-01 (UTC), 200.00 USD left',
    );
  });

  it('keep deposits and withdrawals apart', () => {
    const deposited = chargeDailyLimit(EMPTY_BALANCE, 'deposit', 1_000_000n, NOON);
    expect(chargeDailyLimit(deposited, 'withdrawal', 500_000n, NOON).usage).toEqual({
      day: '2024-06-01',
      deposit: 1_000_000n,
      withdrawal: 500_000n,
    });
    expect(() => chargeDailyLimit(deposited, 'deposit', 1n, NOON)).toThrow(DailyLimitExceededError);
  });

  it('start from zero on the next UTC day', () => {
    const spent = chargeDailyLimit(EMPTY_BALANCE, 'withdrawal', 500_000n, LAST_MS);
    expect(() => chargeDailyLimit(spent, 'withdrawal', 1n, LAST_MS)).toThrow(DailyLimitExceededError);
    expect(chargeDailyLimit(spent, 'withdrawal', 500_000n, NEXT_DAY).usage).toEqual({
      day: '2024-06-02',
      deposit: 0n,
      withdrawal: 500_000n,
    });
  });

  it('follow an admin’s limits, kind by kind, and go back to the defaults on {}', () => {
    const raised = withLimitOverrides(EMPTY_BALANCE, { withdrawal: 1_000_000n });
    expect(limitsOf(raised)).toEqual({ deposit: 1_000_000n, withdrawal: 1_000_000n });
    expect(chargeDailyLimit(raised, 'withdrawal', 1_000_000n, NOON).usage?.withdrawal).toBe(1_000_000n);
    const replaced = withLimitOverrides(raised, { deposit: 0n });
    expect(limitsOf(replaced)).toEqual({ deposit: 0n, withdrawal: 500_000n });
    expect(() => chargeDailyLimit(replaced, 'deposit', 1n, NOON)).toThrow(DailyLimitExceededError);
    expect(withLimitOverrides(replaced, {})).toEqual(EMPTY_BALANCE);
  });

  it('leave nothing, never less, when a limit is lowered below what the day used', () => {
    const used = chargeDailyLimit(EMPTY_BALANCE, 'withdrawal', 400_000n, NOON);
    const lowered = withLimitOverrides(used, { withdrawal: 100_000n });
    expect(figuresOf(lowered, 'withdrawal', NOON)).toMatchObject({ used: 400_000n, remaining: 0n });
    expect(limitsView('alice', lowered, NOON)).toEqual({
      userId: 'alice',
      day: '2024-06-01',
      resetsAt: '2024-06-02T00:00:00.000Z',
      deposit: { limit: '10000.00', used: '0.00', remaining: '10000.00', source: 'default' },
      withdrawal: { limit: '1000.00', used: '4000.00', remaining: '0.00', source: 'user' },
    });
  });

  it('never let a day’s accepted charges pass the limit, in any order of any amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 200_000n }), { maxLength: 40 }), (amounts) => {
        let state: BalanceState = EMPTY_BALANCE;
        let accepted = 0n;
        for (const amount of amounts) {
          try {
            state = chargeDailyLimit(state, 'withdrawal', amount, NOON);
            accepted += amount;
          } catch (error) {
            if (!(error instanceof DailyLimitExceededError)) throw error;
            expect(accepted + amount).toBeGreaterThan(500_000n);
          }
        }
        expect(accepted).toBeLessThanOrEqual(500_000n);
        expect(state.usage?.withdrawal ?? 0n).toBe(accepted);
      }),
    );
  });
});
