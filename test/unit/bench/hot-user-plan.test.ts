import { describe, expect, it } from 'vitest';
import { toMinorUnits } from '../../../bench/money-text';
import { TRADED_ASSET } from '../../../bench/operations';
import { rampArrivalOffsetsMs } from '../../../bench/scenarios/arrival-schedule';
import {
  HOT_USER_INTERPRETATION,
  HOT_USER_LOAD,
  HOT_USER_READINGS,
  hotUserPlan,
  hotUserReading,
  lockCapacityOf,
  OUTSIDE_TEST_AMOUNTS,
  offeredRequestsPerSecond,
  SMALL_AMOUNTS,
  worstCaseSpend,
} from '../../../bench/scenarios/hot-user-plan';
import { DEFAULT_ASSETS } from '../../../common/assets/default-assets';
import { CASH_SCALE } from '../../../common/money/amounts';

const ramp = rampArrivalOffsetsMs(30, 50, 8);
const cents = (text: string) => toMinorUnits(text, CASH_SCALE);

describe('the headline hot-user reading: the outside load test, as it ran', () => {
  const reading = hotUserReading('headline');
  const plan = hotUserPlan(reading);

  it('runs first, and is the only reading the targets judge', () => {
    expect(HOT_USER_READINGS[0]).toBe(reading);
    expect(HOT_USER_READINGS.filter((candidate) => candidate.targeted)).toEqual([reading]);
  });

  it('sends deposit 100.00, withdrawal 50.00 and buy 0.001 BTC in turn at every arrival, from at most 50 virtual users', () => {
    expect(plan.map((arrival) => arrival.offsetMs)).toEqual(ramp);
    expect(plan.every((arrival) => arrival.operations.join() === 'deposit,withdraw,buy')).toBe(true);
    expect(reading.virtualUsers).toBe(50);
    expect(reading.amounts).toEqual({
      deposit: { amount: '100.00' },
      withdraw: { amount: '50.00' },
      buy: { asset: 'BTC', quantity: '0.001' },
    });
  });
});

describe('the cycle reading: one request per arrival', () => {
  const plan = hotUserPlan(hotUserReading('cycle'));

  it('follows the 30 → 50 per second ramp, one request per arrival, so requests per second = arrivals', () => {
    expect(plan.map((arrival) => arrival.offsetMs)).toEqual(ramp);
    expect(plan.every((arrival) => arrival.operations.length === 1)).toBe(true);
    expect(offeredRequestsPerSecond(hotUserReading('cycle'))).toEqual({ start: 30, end: 50 });
    expect(hotUserReading('cycle').targeted).toBe(false);
  });

  it('sends operation k mod 3 at arrival k: deposit, withdrawal, buy, deposit, ...', () => {
    const cycle = ['deposit', 'withdraw', 'buy'];
    plan.forEach((arrival, k) => {
      expect(arrival.index).toBe(k);
      expect(arrival.operations).toEqual([cycle[k % 3]]);
    });
    const count = (name: string) => plan.filter((arrival) => arrival.operations[0] === name).length;
    expect([count('deposit'), count('withdraw'), count('buy')]).toEqual([107, 107, 106]);
  });

  it('cycles over what this checkout serves when an operation is missing', () => {
    const withoutBuy = hotUserPlan(hotUserReading('cycle'), ['deposit', 'withdraw', 'sell']);
    expect(withoutBuy.slice(0, 3).map((arrival) => arrival.operations)).toEqual([
      ['deposit'],
      ['withdraw'],
      ['deposit'],
    ]);
    expect(() => hotUserPlan(hotUserReading('cycle'), ['sell'])).toThrow();
  });
});

describe('the stress reading: three requests per arrival, no cap', () => {
  const reading = hotUserReading('stress');
  const plan = hotUserPlan(reading);

  it('sends deposit, withdrawal and buy at every arrival of the same ramp: 90 → 150 requests per second', () => {
    expect(plan.map((arrival) => arrival.offsetMs)).toEqual(ramp);
    expect(plan.every((arrival) => arrival.operations.join() === 'deposit,withdraw,buy')).toBe(true);
    expect(plan.flatMap((arrival) => arrival.operations)).toHaveLength(960);
    expect(offeredRequestsPerSecond(reading)).toEqual({ start: 90, end: 150 });
    expect(reading.virtualUsers).toBeUndefined();
    expect(reading.targeted).toBe(false);
  });
});

describe('hot-user amounts', () => {
  const price = DEFAULT_ASSETS.find((entry) => entry.asset === TRADED_ASSET)?.price ?? 'missing';

  it('count every withdrawal and buy and no deposit as the worst case', () => {
    // 107 withdrawals of 20.00 and 106 buys of 0.0001 BTC at 50,000.00 (5.00 each).
    expect(worstCaseSpend(hotUserPlan(hotUserReading('cycle')), SMALL_AMOUNTS, '50000.00')).toBe(
      cents('2670.00'),
    );
    // 320 × (50.00 + 50.00).
    expect(worstCaseSpend(hotUserPlan(hotUserReading('headline')), OUTSIDE_TEST_AMOUNTS, '50000.00')).toBe(
      cents('32000.00'),
    );
  });

  it('leave every reading funded whatever succeeds, at the seeded price, so no 422 is expected', () => {
    const funded = cents(HOT_USER_LOAD.fundedWith);
    for (const reading of HOT_USER_READINGS) {
      expect(worstCaseSpend(hotUserPlan(reading), reading.amounts, price)).toBeLessThanOrEqual(funded);
    }
  });
});

describe('lockCapacityOf', () => {
  const holds = { deposit: 6, withdraw: 9, buy: 15 };

  it('charges a cycling arrival one operation, a sequencing arrival all three', () => {
    const cycle = lockCapacityOf(hotUserPlan(hotUserReading('cycle')), holds);
    const stress = lockCapacityOf(hotUserPlan(hotUserReading('stress')), holds);
    // (107 × 6 + 107 × 9 + 106 × 15) / 320 = 9.984375
    expect(cycle.holdMsPerArrival).toBe(9.98);
    expect(cycle.arrivalsPerSecond).toBe(100.16);
    expect(stress.holdMsPerArrival).toBe(30);
    expect(stress.arrivalsPerSecond).toBe(33.33);
    expect(stress.offeredMeanArrivalsPerSecond).toBe(40);
    expect(stress.offeredPeakArrivalsPerSecond).toBe(50);
  });
});

describe('HOT_USER_INTERPRETATION', () => {
  it('is one sentence naming every reading', () => {
    expect(HOT_USER_INTERPRETATION.match(/[.!?](\s|$)/g)).toHaveLength(1);
    expect(HOT_USER_INTERPRETATION.endsWith('.')).toBe(true);
    expect(HOT_USER_INTERPRETATION).toContain('at most 50 virtual users');
    expect(HOT_USER_INTERPRETATION).toContain('30 → 50 requests per second');
    expect(HOT_USER_INTERPRETATION).toContain('90 → 150 requests per second');
  });
});
