import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CASH_SCALE, QUANTITY_SCALE } from '../../common/money/assets';
import type { RequestCounter } from '../../common/storage/request-counter';
import type { ApiAnswer, ApiClient, BenchUser } from '../clients/api-client';
import { newBenchUser } from '../clients/bench-user';
import { addUnits, type CapacityUnits, NO_UNITS } from '../metering/capacity-units';
import type { RequestMeter } from '../metering/request-meter';
import { fromMinorUnits, toMinorUnits } from '../money-text';
import { type OperationName, type OperationSpec, TRADED_ASSET } from '../operations';
import { type LatencySummary, summarizeLatencies } from '../stats/latency-summary';
import { rampArrivalOffsetsMs } from './arrival-schedule';

/** The load of the reference system's own lock-contention test. */
export const HOT_USER_LOAD = { startRps: 30, endRps: 50, seconds: 8, fundedWith: '50000.00' } as const;

/** What that reference reported for the same load. */
export const REFERENCE_RESULT = { successRate: 0.32, meanLatencyMs: 13_900 } as const;

const AMOUNTS: Readonly<Record<OperationName, unknown>> = {
  deposit: { amount: '25.00' },
  withdraw: { amount: '20.00' },
  buy: { asset: TRADED_ASSET, quantity: '0.0001' },
  sell: { asset: TRADED_ASSET, quantity: '0.0001' },
};

/** Answers that may or may not have taken effect; resent with the same key until they say which. */
const isIndefinite = (status: number): boolean => status === 0 || status >= 500;
const RESOLVE_ATTEMPTS = 5;

interface Call {
  readonly operation: OperationName;
  readonly key: string;
  readonly body: unknown;
  readonly path: string;
  readonly answer: ApiAnswer;
  /** The definite answer, when the first one was not. */
  resolved?: ApiAnswer;
}

export interface HotUserResult {
  readonly load: typeof HOT_USER_LOAD;
  readonly operationsPerArrival: readonly OperationName[];
  readonly mode: 'http';
  readonly arrivals: number;
  readonly requests: number;
  readonly succeeded: number;
  readonly successRate: number;
  readonly statuses: Readonly<Record<string, number>>;
  /** Every answered request, successful or not. */
  readonly latency: LatencySummary | undefined;
  readonly latencyByOperation: Readonly<Record<string, LatencySummary | undefined>>;
  /** How late arrivals started against their schedule: the load generator's own fidelity. */
  readonly scheduleLagMs: LatencySummary | undefined;
  readonly wallSeconds: number;
  readonly balance: {
    readonly expected: { readonly cash: string; readonly asset: string };
    readonly actual: {
      readonly cashAvailable: string;
      readonly cashHeld: string;
      readonly asset: string;
      readonly assetHeld: string;
    };
    readonly exact: boolean;
  };
  readonly unresolved: number;
  /**
   * DynamoDB during the load: waiting for a lock means retrying its conditional UpdateItem, so the
   * UpdateItem count against the 201s shows how much of the traffic was waiting rather than working.
   */
  readonly dynamodb: {
    readonly requests: Readonly<Record<string, number>>;
    readonly units: CapacityUnits;
    /** Against the 50 sockets the one shared SDK client opens at most; the rest queue for one. */
    readonly peakInFlight: number;
  };
  /**
   * The most this user's lock can serve: an arrival holds it for about the time its operations spend
   * in DynamoDB uncontended (from the lock's UpdateItem to the transaction that releases it), so no
   * per-user lock can pass more arrivals per second than 1,000 / that, however waiters are woken.
   */
  readonly lockCapacity: {
    readonly holdMsPerArrival: number;
    readonly arrivalsPerSecond: number;
    readonly offeredMeanArrivalsPerSecond: number;
    readonly offeredPeakArrivalsPerSecond: number;
  };
  /** The one Node process serves the API, runs the handlers and the workflow, and sends the load. */
  readonly eventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly reference: typeof REFERENCE_RESULT;
}

export interface HotUserInstruments {
  readonly counter: RequestCounter;
  readonly meter: RequestMeter;
  /** Mean time an uncontended call of each operation spends in DynamoDB, from the latency run. */
  readonly lockHoldMs: Readonly<Partial<Record<OperationName, number>>>;
}

function statusKey(answer: ApiAnswer): string {
  if (answer.status === 201) return '201';
  try {
    const code = (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code;
    if (code) return `${answer.status} ${code}`;
  } catch {
    // No contract body: a transport failure or a crash; the status alone says it.
  }
  return answer.status === 0 ? 'no answer' : String(answer.status);
}

interface Model {
  cash: bigint;
  asset: bigint;
}

function applyAcknowledged(model: Model, call: Call): void {
  const answer = call.resolved ?? call.answer;
  if (answer.status !== 201) return;
  const body = JSON.parse(answer.body) as {
    transaction?: { amount: string };
    order?: { side: string; quantity: string; total: string };
  };
  if (call.operation === 'deposit' || call.operation === 'withdraw') {
    model.cash += toMinorUnits(body.transaction?.amount ?? '0', CASH_SCALE);
    return;
  }
  const total = toMinorUnits(body.order?.total ?? '0', CASH_SCALE);
  const quantity = toMinorUnits(body.order?.quantity ?? '0', QUANTITY_SCALE);
  model.cash += call.operation === 'buy' ? -total : total;
  model.asset += call.operation === 'buy' ? quantity : -quantity;
}

function lockCapacityOf(
  sequence: readonly OperationSpec[],
  lockHoldMs: Readonly<Partial<Record<OperationName, number>>>,
  arrivals: number,
): HotUserResult['lockCapacity'] {
  const holdMsPerArrival = sequence.reduce((sum, spec) => sum + (lockHoldMs[spec.name] ?? 0), 0);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    holdMsPerArrival: round(holdMsPerArrival),
    arrivalsPerSecond: holdMsPerArrival > 0 ? round(1_000 / holdMsPerArrival) : 0,
    offeredMeanArrivalsPerSecond: round(arrivals / HOT_USER_LOAD.seconds),
    offeredPeakArrivalsPerSecond: HOT_USER_LOAD.endRps,
  };
}

async function resolve(client: ApiClient, user: BenchUser, call: Call): Promise<void> {
  for (let attempt = 0; attempt < RESOLVE_ATTEMPTS; attempt++) {
    const answer = await client.send(user, {
      method: 'POST',
      path: call.path,
      body: call.body,
      idempotencyKey: call.key,
    });
    if (!isIndefinite(answer.status) && answer.status !== 409) {
      call.resolved = answer;
      return;
    }
    await sleep(500);
  }
}

/**
 * One user, funded with 50,000.00, hit by arrivals ramping from 30 to 50 per second for 8 seconds,
 * open loop, each arrival a deposit, a withdrawal and (once it exists) a market buy, one after the
 * other as one client would send them. Every request carries an Idempotency-Key, so an answer lost
 * in transit can be resent until it is definite; the final balance is then held against the model
 * built from the 201 answers alone.
 */
export async function runHotUser(
  client: ApiClient,
  operations: readonly OperationSpec[],
  instruments: HotUserInstruments,
): Promise<HotUserResult> {
  const sequence = (['deposit', 'withdraw', 'buy'] as const)
    .map((name) => operations.find((spec) => spec.name === name))
    .filter((spec): spec is OperationSpec => spec !== undefined);
  const user = await newBenchUser('hot');
  const funding = await client.send(user, {
    method: 'POST',
    path: '/deposits',
    body: { amount: HOT_USER_LOAD.fundedWith },
    idempotencyKey: 'hot-funding',
  });
  if (funding.status !== 201) throw new Error(`Funding the hot user got ${funding.status}: ${funding.body}`);

  const offsets = rampArrivalOffsetsMs(HOT_USER_LOAD.startRps, HOT_USER_LOAD.endRps, HOT_USER_LOAD.seconds);
  const calls: Call[] = [];
  const lags: number[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  instruments.counter.reset();
  loopDelay.enable();
  const origin = performance.now() + 50;
  const arrive = async (index: number, offset: number) => {
    await sleep(Math.max(0, origin + offset - performance.now()));
    lags.push(Math.max(0, performance.now() - (origin + offset)));
    for (const spec of sequence) {
      const key = `hot-${index}-${spec.name}`;
      const body = AMOUNTS[spec.name];
      const answer = await client.send(user, { method: 'POST', path: spec.path, body, idempotencyKey: key });
      calls.push({ operation: spec.name, key, body, path: spec.path, answer });
    }
  };
  const { requests: metered, peakInFlight } = await instruments.meter.capture(() =>
    Promise.all(offsets.map((offset, index) => arrive(index, offset))),
  );
  const wallSeconds = (performance.now() - origin) / 1_000;
  loopDelay.disable();
  const dynamodbRequests = Object.fromEntries(instruments.counter.counts);
  const nanosToMs = (nanos: number) => Math.round(nanos / 1_000) / 1_000;

  for (const call of calls.filter((candidate) => isIndefinite(candidate.answer.status))) {
    await resolve(client, user, call);
  }
  const model: Model = { cash: toMinorUnits(HOT_USER_LOAD.fundedWith, CASH_SCALE), asset: 0n };
  for (const call of calls) applyAcknowledged(model, call);

  const balanceAnswer = await client.send(user, { method: 'GET', path: '/balance' });
  if (balanceAnswer.status !== 200)
    throw new Error(`GET /balance got ${balanceAnswer.status}: ${balanceAnswer.body}`);
  const balance = JSON.parse(balanceAnswer.body) as {
    cash: { available: string; held: string };
    assets: Record<string, { available: string; held: string } | undefined>;
  };
  const held = balance.assets[TRADED_ASSET];
  const actual = {
    cashAvailable: balance.cash.available,
    cashHeld: balance.cash.held,
    asset: held?.available ?? fromMinorUnits(0n, QUANTITY_SCALE),
    assetHeld: held?.held ?? fromMinorUnits(0n, QUANTITY_SCALE),
  };
  const exact =
    toMinorUnits(actual.cashAvailable, CASH_SCALE) === model.cash &&
    toMinorUnits(actual.cashHeld, CASH_SCALE) === 0n &&
    toMinorUnits(actual.asset, QUANTITY_SCALE) === model.asset &&
    toMinorUnits(actual.assetHeld, QUANTITY_SCALE) === 0n;

  const statuses: Record<string, number> = {};
  for (const call of calls) statuses[statusKey(call.answer)] = (statuses[statusKey(call.answer)] ?? 0) + 1;
  const succeeded = calls.filter((call) => call.answer.status === 201).length;
  const answered = calls.filter((call) => call.answer.status !== 0);
  const latencyByOperation = Object.fromEntries(
    sequence.map((spec) => [
      spec.name,
      summarizeLatencies(
        answered.filter((call) => call.operation === spec.name).map((call) => call.answer.elapsedMs),
      ),
    ]),
  );
  return {
    load: HOT_USER_LOAD,
    operationsPerArrival: sequence.map((spec) => spec.name),
    mode: 'http',
    arrivals: offsets.length,
    requests: calls.length,
    succeeded,
    successRate: calls.length === 0 ? 0 : succeeded / calls.length,
    statuses,
    latency: summarizeLatencies(answered.map((call) => call.answer.elapsedMs)),
    latencyByOperation,
    scheduleLagMs: summarizeLatencies(lags),
    wallSeconds: Math.round(wallSeconds * 1_000) / 1_000,
    balance: {
      expected: {
        cash: fromMinorUnits(model.cash, CASH_SCALE),
        asset: fromMinorUnits(model.asset, QUANTITY_SCALE),
      },
      actual,
      exact,
    },
    unresolved: calls.filter((call) => isIndefinite((call.resolved ?? call.answer).status)).length,
    lockCapacity: lockCapacityOf(sequence, instruments.lockHoldMs, offsets.length),
    dynamodb: {
      requests: dynamodbRequests,
      units: metered.reduce((sum, request) => addUnits(sum, request.units), NO_UNITS),
      peakInFlight,
    },
    eventLoopDelayMs: {
      p50: nanosToMs(loopDelay.percentile(50)),
      p99: nanosToMs(loopDelay.percentile(99)),
      max: nanosToMs(loopDelay.max),
    },
    reference: REFERENCE_RESULT,
  };
}
