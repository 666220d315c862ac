import { CASH_SCALE, PRICE_SCALE, QUANTITY_SCALE } from '../../common/money/amounts';
import { tradeTotal } from '../../common/money/trade-total';
import { toMinorUnits } from '../money-text';
import { type OperationName, TRADED_ASSET } from '../operations';
import { rampArrivalOffsetsMs } from './arrival-schedule';

/** The load of a lock-contention test another serverless trading system published (and lockstep's outside load test repeats). */
export const HOT_USER_LOAD = { startRps: 30, endRps: 50, seconds: 8, fundedWith: '50000.00' } as const;

/** What that system published for the same load: 32 % success, 13.9 s mean latency. */
export const PUBLISHED_RESULT = { successRate: 0.32, meanLatencyMs: 13_900 } as const;

/** The operations of each arrival, in the order they come. */
export const HOT_USER_OPERATIONS = ['deposit', 'withdraw', 'buy'] as const satisfies readonly OperationName[];

export type HotUserOperation = (typeof HOT_USER_OPERATIONS)[number];

export type HotUserAmounts = Readonly<Record<HotUserOperation, Readonly<Record<string, string>>>>;

/** The outside load test's amounts: a buy of 0.001 BTC at the seeded 50,000.00 costs 50.00. */
export const OUTSIDE_TEST_AMOUNTS = {
  deposit: { amount: '100.00' },
  withdraw: { amount: '50.00' },
  buy: { asset: TRADED_ASSET, quantity: '0.001' },
} as const satisfies HotUserAmounts;

/**
 * Deposits outweigh withdrawals and a buy costs little, so no reading can run the user dry whatever
 * mix of its calls succeeds (`worstCaseSpend` is held against the funding): a 422 would mean a bug.
 */
export const SMALL_AMOUNTS = {
  deposit: { amount: '25.00' },
  withdraw: { amount: '20.00' },
  buy: { asset: TRADED_ASSET, quantity: '0.0001' },
} as const satisfies HotUserAmounts;

export type HotUserReadingId = 'headline' | 'cycle' | 'stress';

export interface HotUserReading {
  readonly id: HotUserReadingId;
  readonly label: string;
  /** `cycle`: arrival k sends operation k mod 3; `sequence`: every arrival sends all three in turn. */
  readonly pattern: 'cycle' | 'sequence';
  readonly requestsPerArrival: number;
  /**
   * The most arrivals in progress at once, as k6's ramping-arrival-rate caps them with maxVUs: an
   * arrival that finds every virtual user busy is dropped and counted. Absent: no cap.
   */
  readonly virtualUsers?: number;
  readonly amounts: HotUserAmounts;
  /** Whether the hot-user targets are judged on this reading. */
  readonly targeted: boolean;
}

/** In the order they run: the targeted reading first, so no other reading's backlog weighs on it. */
export const HOT_USER_READINGS: readonly HotUserReading[] = [
  {
    id: 'headline',
    label: '3 requests per arrival, 50 virtual users',
    pattern: 'sequence',
    requestsPerArrival: HOT_USER_OPERATIONS.length,
    virtualUsers: 50,
    amounts: OUTSIDE_TEST_AMOUNTS,
    targeted: true,
  },
  {
    id: 'cycle',
    label: '1 request per arrival',
    pattern: 'cycle',
    requestsPerArrival: 1,
    amounts: SMALL_AMOUNTS,
    targeted: false,
  },
  {
    id: 'stress',
    label: '3 requests per arrival, no virtual-user cap (stress)',
    pattern: 'sequence',
    requestsPerArrival: HOT_USER_OPERATIONS.length,
    amounts: SMALL_AMOUNTS,
    targeted: false,
  },
];

export function hotUserReading(id: HotUserReadingId): HotUserReading {
  const found = HOT_USER_READINGS.find((reading) => reading.id === id);
  if (!found) throw new Error(`No hot-user reading named ${id}`);
  return found;
}

/** The one sentence that says how the hot-user load is read; the report and the README both carry it. */
export const HOT_USER_INTERPRETATION =
  `The targets apply to the outside load test's own shape: every arrival sends a deposit of ${OUTSIDE_TEST_AMOUNTS.deposit.amount}, a withdrawal of ${OUTSIDE_TEST_AMOUNTS.withdraw.amount} and a buy of ${OUTSIDE_TEST_AMOUNTS.buy.quantity} BTC one after the other, from at most 50 virtual users (an arrival finding all 50 busy is dropped and counted, as k6's ramping-arrival-rate does); ` +
  `one request per arrival (${HOT_USER_LOAD.startRps} → ${HOT_USER_LOAD.endRps} requests per second) and all three per arrival with no cap (${HOT_USER_LOAD.startRps * HOT_USER_OPERATIONS.length} → ${HOT_USER_LOAD.endRps * HOT_USER_OPERATIONS.length} requests per second) run alongside with no target.`;

export interface PlannedArrival {
  readonly index: number;
  readonly offsetMs: number;
  /** Sent one after the other, as one client would send them. */
  readonly operations: readonly HotUserOperation[];
}

/** Requests per second the reading offers at the start and at the end of the ramp. */
export function offeredRequestsPerSecond(reading: HotUserReading): { start: number; end: number } {
  return {
    start: HOT_USER_LOAD.startRps * reading.requestsPerArrival,
    end: HOT_USER_LOAD.endRps * reading.requestsPerArrival,
  };
}

/**
 * The open-loop schedule of a reading. `available` drops operations this checkout cannot serve yet,
 * so the cycle and the sequence run over what is left, in the same order.
 */
export function hotUserPlan(
  reading: HotUserReading,
  available: readonly OperationName[] = HOT_USER_OPERATIONS,
): PlannedArrival[] {
  const operations = HOT_USER_OPERATIONS.filter((name) => available.includes(name));
  if (operations.length === 0) throw new Error('The hot user needs at least one of deposit, withdraw, buy');
  const offsets = rampArrivalOffsetsMs(HOT_USER_LOAD.startRps, HOT_USER_LOAD.endRps, HOT_USER_LOAD.seconds);
  return offsets.map((offsetMs, index) => ({
    index,
    offsetMs,
    operations:
      reading.pattern === 'sequence'
        ? operations
        : [operations[index % operations.length] as HotUserOperation],
  }));
}

/**
 * Cents the plan takes out of the account if every withdrawal and buy succeeds and every deposit
 * fails: the most it can ever need, since the deposits only add.
 */
export function worstCaseSpend(
  plan: readonly PlannedArrival[],
  amounts: HotUserAmounts,
  buyPrice: string,
): bigint {
  const withdrawal = toMinorUnits(amounts.withdraw.amount ?? '0', CASH_SCALE);
  const buy = tradeTotal(
    'BUY',
    toMinorUnits(amounts.buy.quantity ?? '0', QUANTITY_SCALE),
    toMinorUnits(buyPrice, PRICE_SCALE),
  );
  let spend = 0n;
  for (const arrival of plan) {
    for (const name of arrival.operations) {
      if (name === 'withdraw') spend += withdrawal;
      if (name === 'buy') spend += buy;
    }
  }
  return spend;
}

/**
 * The most the user's lock can serve: an arrival holds it for about the time its operations spend in
 * DynamoDB uncontended (from the lock's UpdateItem to the transaction that releases it), so no
 * per-user lock can pass more arrivals per second than 1,000 / that, however waiters are woken.
 */
export interface LockCapacity {
  readonly holdMsPerArrival: number;
  readonly arrivalsPerSecond: number;
  readonly offeredMeanArrivalsPerSecond: number;
  readonly offeredPeakArrivalsPerSecond: number;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Averaged over the plan's arrivals: a cycling arrival holds the lock for its one operation only. */
export function lockCapacityOf(
  plan: readonly PlannedArrival[],
  lockHoldMs: Readonly<Partial<Record<OperationName, number>>>,
): LockCapacity {
  const totalHoldMs = plan.reduce(
    (sum, arrival) => sum + arrival.operations.reduce((held, name) => held + (lockHoldMs[name] ?? 0), 0),
    0,
  );
  const holdMsPerArrival = plan.length === 0 ? 0 : totalHoldMs / plan.length;
  return {
    holdMsPerArrival: round2(holdMsPerArrival),
    arrivalsPerSecond: holdMsPerArrival > 0 ? round2(1_000 / holdMsPerArrival) : 0,
    offeredMeanArrivalsPerSecond: round2(plan.length / HOT_USER_LOAD.seconds),
    offeredPeakArrivalsPerSecond: HOT_USER_LOAD.endRps,
  };
}
