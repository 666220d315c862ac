import { describe, expect, it } from 'vitest';
import type { HotUserResult } from '../../../bench/scenarios/hot-user';
import type { LatencySeriesResult } from '../../../bench/scenarios/latency';
import type { RoundTripResult } from '../../../bench/scenarios/round-trips';
import { evaluateTargets } from '../../../bench/targets';

const trip = (operation: RoundTripResult['operation'], total: number, target: number): RoundTripResult => ({
  operation,
  target,
  total,
  byOperation: { UpdateItem: 1, TransactWriteItems: total - 1 },
  pass: total <= target,
  units: { writeUnits: 0, readUnits: 0 },
  samples: 5,
});

const series = (id: string, p50: number): LatencySeriesResult => ({
  id,
  label: id,
  subject: id,
  mode: 'direct',
  summary: { count: 10, p50, p95: p50, p99: p50, mean: p50, max: p50 },
  errors: 0,
  statuses: {},
  usage: undefined,
});

const hotUser = (successRate: number, p95: number, exact: boolean) =>
  ({
    operationsPerArrival: ['deposit', 'withdraw', 'buy'],
    requests: 960,
    succeeded: Math.round(960 * successRate),
    successRate,
    latency: { count: 960, p50: p95 / 2, p95, p99: p95, mean: p95 / 2, max: p95 },
    balance: {
      expected: { cash: '1.00', asset: '0.00000000' },
      actual: {
        cashAvailable: exact ? '1.00' : '2.00',
        cashHeld: '0.00',
        asset: '0.00000000',
        assetHeld: '0.00000000',
      },
      exact,
    },
  }) as unknown as HotUserResult;

const byId = (targets: ReturnType<typeof evaluateTargets>) =>
  Object.fromEntries(targets.map((t) => [t.id, t.pass]));

describe('evaluateTargets', () => {
  it('passes when every figure is inside its target', () => {
    const targets = evaluateTargets({
      roundTrips: [trip('deposit', 2, 2), trip('withdraw', 2, 2), trip('buy', 4, 5), trip('sell', 5, 5)],
      unavailable: [],
      latency: [series('floor', 1), series('deposit/in-process', 3), series('baseline/deposit', 6)],
      hotUser: hotUser(0.995, 900, true),
    });
    expect(Object.values(byId(targets)).every((pass) => pass === true)).toBe(true);
  });

  it('misses each target on the wrong side of its line, and leaves the unmeasured undecided', () => {
    const targets = evaluateTargets({
      roundTrips: [trip('deposit', 3, 2), trip('withdraw', 2, 2)],
      unavailable: [
        { operation: 'buy', reason: 'lambdas/buy.ts does not exist yet' },
        { operation: 'sell', reason: 'lambdas/sell.ts does not exist yet' },
      ],
      latency: [series('floor', 1), series('deposit/in-process', 3.01), series('baseline/deposit', 6)],
      hotUser: hotUser(0.98, 1_001, false),
    });
    expect(byId(targets)).toEqual({
      'round-trips/deposit': false,
      'round-trips/withdraw': true,
      'round-trips/buy': null,
      'round-trips/sell': null,
      'latency/deposit-vs-floor': false,
      'latency/deposit-vs-baseline': false,
      'hot-user/success': false,
      'hot-user/p95': false,
      'hot-user/final-balance': false,
    });
    expect(targets.find((t) => t.id === 'round-trips/buy')?.measured).toContain('does not exist yet');
  });
});
