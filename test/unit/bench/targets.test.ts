import { describe, expect, it } from 'vitest';
import type { LatencySeriesResult } from '../../../bench/scenarios/latency';
import type { RoundTripResult } from '../../../bench/scenarios/round-trips';
import { evaluateTargets } from '../../../bench/targets';
import { hotUserResult } from './bench-fixtures';

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

const byId = (targets: ReturnType<typeof evaluateTargets>) =>
  Object.fromEntries(targets.map((t) => [t.id, t.pass]));

describe('evaluateTargets', () => {
  it('passes when every figure is inside its target', () => {
    const targets = evaluateTargets({
      roundTrips: [trip('deposit', 2, 2), trip('withdraw', 2, 2), trip('buy', 4, 5), trip('sell', 5, 5)],
      unavailable: [],
      latency: [series('floor', 1), series('deposit/in-process', 3), series('baseline/deposit', 6)],
      hotUser: hotUserResult(
        { successRate: 0.995, p95: 900, exact: true, requests: 960 },
        { successRate: 0.995, p95: 900, exact: true },
        { successRate: 0.995, p95: 900, exact: true },
      ),
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
      hotUser: hotUserResult(
        { successRate: 0.98, p95: 1_001, exact: false, requests: 960 },
        { successRate: 1, p95: 10, exact: true },
        { successRate: 1, p95: 10, exact: true },
      ),
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

  it('judges the hot user on the headline reading alone, never the other two', () => {
    const inputs = {
      roundTrips: [],
      unavailable: [],
      latency: [],
    };
    const hotOnly = (targets: ReturnType<typeof evaluateTargets>) =>
      Object.fromEntries(targets.filter((t) => t.id.startsWith('hot-user/')).map((t) => [t.id, t.pass]));
    const headlinePasses = evaluateTargets({
      ...inputs,
      hotUser: hotUserResult(
        { successRate: 0.99, p95: 1_000, exact: true, requests: 900, dropped: 20 },
        { successRate: 0.5, p95: 2_000, exact: false },
        { successRate: 0.28, p95: 10_500, exact: false, requests: 960 },
      ),
    });
    expect(hotOnly(headlinePasses)).toEqual({
      'hot-user/success': true,
      'hot-user/p95': true,
      'hot-user/final-balance': true,
    });
    const success = headlinePasses.find((t) => t.id === 'hot-user/success');
    expect(success?.description).toContain(
      '3 requests per arrival, 50 virtual users (30 → 50 arrivals/s, deposit → withdraw → buy per arrival)',
    );
    expect(success?.description).toContain('5 s lock wait budget');
    expect(success?.measured).toBe('99.00 % (891 of 900; 20 arrivals dropped)');
    expect(headlinePasses.find((t) => t.id === 'hot-user/p95')?.measured).toBe('1000.00 ms');
  });

  it('leaves the hot-user targets undecided when the headline reading sent nothing', () => {
    const targets = evaluateTargets({
      roundTrips: [],
      unavailable: [],
      latency: [],
      hotUser: hotUserResult(
        { successRate: 0, p95: 1, exact: true, requests: 0 },
        { successRate: 1, p95: 1, exact: true },
        { successRate: 1, p95: 1, exact: true },
      ),
    });
    expect(targets.find((t) => t.id === 'hot-user/success')?.pass).toBeNull();
    expect(targets.find((t) => t.id === 'hot-user/final-balance')?.pass).toBeNull();
  });
});
