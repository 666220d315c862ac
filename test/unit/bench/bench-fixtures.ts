import type { BenchResults } from '../../../bench/report/results-document';
import type { HotUserResult, HotUserRun } from '../../../bench/scenarios/hot-user';
import {
  HOT_USER_INTERPRETATION,
  HOT_USER_LOAD,
  type HotUserReadingId,
  hotUserReading,
  offeredRequestsPerSecond,
  PUBLISHED_RESULT,
} from '../../../bench/scenarios/hot-user-plan';

export interface RunFigures {
  readonly successRate: number;
  readonly p95: number;
  readonly exact: boolean;
  readonly requests?: number;
  readonly dropped?: number;
}

/** A hot-user run whose headline figures are the ones given; the rest is plausible filler. */
export function hotUserRun(id: HotUserReadingId, figures: RunFigures): HotUserRun {
  const reading = hotUserReading(id);
  const requests = figures.requests ?? 320 * reading.requestsPerArrival;
  const succeeded = Math.round(requests * figures.successRate);
  const latency = {
    count: requests,
    p50: figures.p95 / 2,
    p95: figures.p95,
    p99: figures.p95 * 1.5,
    mean: figures.p95 / 3,
    max: figures.p95 * 2,
  };
  return {
    reading: id,
    label: reading.label,
    pattern: reading.pattern,
    requestsPerArrival: reading.requestsPerArrival,
    ...(reading.virtualUsers === undefined ? {} : { virtualUsers: reading.virtualUsers }),
    targeted: reading.targeted,
    operations: ['deposit', 'withdraw', 'buy'],
    offeredRequestsPerSecond: offeredRequestsPerSecond(reading),
    arrivals: 320,
    droppedArrivals: figures.dropped ?? 0,
    requests,
    succeeded,
    successRate: figures.successRate,
    statuses: { '201': succeeded, '409 LOCKED': requests - succeeded },
    latency,
    latencyByOperation: { deposit: latency, withdraw: latency, buy: latency },
    scheduleLagMs: { count: 320, p50: 1, p95: 2, p99: 3, mean: 1, max: 4 },
    wallSeconds: 8.5,
    balance: {
      funded: HOT_USER_LOAD.fundedWith,
      expected: { cash: '50100.00', asset: '0.01000000' },
      actual: {
        cashAvailable: figures.exact ? '50100.00' : '50125.00',
        cashHeld: '0.00',
        asset: '0.01000000',
        assetHeld: '0.00000000',
      },
      exact: figures.exact,
    },
    unresolved: 0,
    dynamodb: {
      requests: { UpdateItem: requests },
      units: { writeUnits: 1, readUnits: 1 },
      peakInFlight: 7,
      perSuccess: { requests: 2.5, writeUnits: 7.25, readUnits: 0.5 },
    },
    lockCapacity: {
      holdMsPerArrival: 10,
      arrivalsPerSecond: 100,
      offeredMeanArrivalsPerSecond: 40,
      offeredPeakArrivalsPerSecond: 50,
    },
    eventLoopDelayMs: { p50: 10, p99: 20, max: 30 },
  };
}

/** The three readings in the order the benchmark runs them, the targeted headline first. */
export function hotUserResult(headline: RunFigures, cycle: RunFigures, stress: RunFigures): HotUserResult {
  return {
    load: HOT_USER_LOAD,
    mode: 'http',
    lockWaitBudgetMs: 5_000,
    interpretation: HOT_USER_INTERPRETATION,
    runs: [hotUserRun('headline', headline), hotUserRun('cycle', cycle), hotUserRun('stress', stress)],
    reference: PUBLISHED_RESULT,
  };
}

/** A whole results document around the given hot-user result, with no other measurements. */
export function benchResults(hotUser: HotUserResult): BenchResults {
  return {
    schemaVersion: 1,
    metadata: {
      startedAt: '2026-01-02T03:04:05.000Z',
      finishedAt: '2026-01-02T03:06:05.000Z',
      durationSeconds: 120,
      node: 'v20.0.0',
      platform: 'linux',
      arch: 'x64',
      cpuCount: 2,
      cpuModel: 'test CPU',
      memoryGb: 4,
      loadAverage: { atStart: 0.5, atEnd: 0.7 },
      store: 'DynamoDB Local',
      handlerLogLevel: 'WARN',
      latencyRounds: 10,
      warmupRounds: 1,
      throughputSecondsPerRun: 1,
      measuredOperations: ['deposit', 'withdraw', 'buy'],
      unavailableOperations: [],
    },
    targets: [
      {
        id: 'hot-user/success',
        description: 'a target row',
        target: '≥ 99 %',
        measured: 'SENTINEL-MEASURED',
        pass: true,
      },
    ],
    roundTrips: [],
    latency: { unit: 'ms', series: [] },
    throughput: { users: 100, mix: { deposit: 1 }, runs: [] },
    hotUser,
    cost: {
      region: 'us-east-1',
      pricesRecordedOn: '2026-01-01',
      sources: ['test'],
      lambdaMemoryMb: 512,
      rows: [],
    },
  };
}
