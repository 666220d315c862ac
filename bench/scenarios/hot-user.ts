import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_ASSETS } from '../../common/assets/default-assets';
import { LOCK_WAIT_BUDGET_MS } from '../../common/lease/lease-durations';
import { CASH_SCALE, QUANTITY_SCALE } from '../../common/money/amounts';
import type { RequestCounter } from '../../common/storage/request-counter';
import type { ApiAnswer, ApiClient, BenchUser } from '../clients/api-client';
import { newBenchUser } from '../clients/bench-user';
import { addUnits, type CapacityUnits, NO_UNITS } from '../metering/capacity-units';
import type { RequestMeter } from '../metering/request-meter';
import { fromMinorUnits, toMinorUnits } from '../money-text';
import { type OperationName, type OperationSpec, operation, TRADED_ASSET } from '../operations';
import { type LatencySummary, summarizeLatencies } from '../stats/latency-summary';
import { fundCash } from './funding';
import {
  HOT_USER_INTERPRETATION,
  HOT_USER_LOAD,
  HOT_USER_READINGS,
  type HotUserReading,
  type HotUserReadingId,
  hotUserPlan,
  type LockCapacity,
  lockCapacityOf,
  offeredRequestsPerSecond,
  type PlannedArrival,
  PUBLISHED_RESULT,
  worstCaseSpend,
} from './hot-user-plan';

/** Answers that may or may not have taken effect; resent with the same key until they say which. */
export const isIndefinite = (status: number): boolean => status === 0 || status >= 500;
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

export interface HotUserRun {
  readonly reading: HotUserReadingId;
  readonly label: string;
  readonly pattern: HotUserReading['pattern'];
  readonly requestsPerArrival: number;
  /** The cap on arrivals in progress at once; absent when there is none. */
  readonly virtualUsers?: number;
  /** Whether the hot-user targets are judged on this run. */
  readonly targeted: boolean;
  /** The cycle (one per arrival, in turn) or the sequence (all of them per arrival). */
  readonly operations: readonly OperationName[];
  readonly offeredRequestsPerSecond: { readonly start: number; readonly end: number };
  readonly arrivals: number;
  /** Arrivals that found every virtual user busy, and so sent nothing. */
  readonly droppedArrivals: number;
  readonly requests: number;
  /** 201s: a request that got the lock within its wait budget and did its work. */
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
    readonly funded: string;
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
   * DynamoDB during the load, waiting for the lock included: against the 201s it shows how much of
   * the traffic was waiting rather than working.
   */
  readonly dynamodb: {
    readonly requests: Readonly<Record<string, number>>;
    readonly units: CapacityUnits;
    /** Against the 50 sockets the one shared SDK client opens at most; the rest queue for one. */
    readonly peakInFlight: number;
    /** What one 201 cost: every request of the load, waiting included, over the 201s. */
    readonly perSuccess: {
      readonly requests: number;
      readonly writeUnits: number;
      readonly readUnits: number;
    };
  };
  readonly lockCapacity: LockCapacity;
  /** The one Node process serves the API, runs the handlers and the workflow, and sends the load. */
  readonly eventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** Every reading of the hot-user load, run one after the other against fresh users in the same run. */
export interface HotUserResult {
  readonly load: typeof HOT_USER_LOAD;
  readonly mode: 'http';
  /** A request still waiting for the lock when this runs out answers 409 LOCKED. */
  readonly lockWaitBudgetMs: number;
  readonly interpretation: string;
  /** In the order they ran; the first is the one the hot-user targets judge. */
  readonly runs: readonly HotUserRun[];
  readonly reference: typeof PUBLISHED_RESULT;
}

/** The run the hot-user targets judge. */
export function targetedRun(result: HotUserResult): HotUserRun | undefined {
  return result.runs.find((run) => run.targeted);
}

export interface HotUserInstruments {
  readonly counter: RequestCounter;
  readonly meter: RequestMeter;
  /** Mean time an uncontended call of each operation spends in DynamoDB, from the latency run. */
  readonly lockHoldMs: Readonly<Partial<Record<OperationName, number>>>;
  readonly onReadingDone?: (run: HotUserRun) => void;
}

export function statusKey(answer: ApiAnswer): string {
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
 * One reading: a fresh user funded with 50,000.00, hit open loop by the ramp's arrivals, each sending
 * its operations one after the other as one client would. Every request carries an Idempotency-Key,
 * so an answer lost in transit can be resent until it is definite; the final balance is then held
 * against the model built from the 201 answers alone.
 */
async function runReading(
  client: ApiClient,
  reading: HotUserReading,
  available: readonly OperationName[],
  instruments: HotUserInstruments,
): Promise<HotUserRun> {
  const plan = hotUserPlan(reading, available);
  const funded = toMinorUnits(HOT_USER_LOAD.fundedWith, CASH_SCALE);
  // A 422 for want of funds would be counted as a failure of the lock; refuse to measure instead.
  const needed = worstCaseSpend(plan, reading.amounts, tradedAssetPrice());
  if (needed > funded) {
    throw new Error(
      `The ${reading.id} hot-user plan could spend ${fromMinorUnits(needed, CASH_SCALE)}, more than the ${HOT_USER_LOAD.fundedWith} it is funded with`,
    );
  }
  const user = await newBenchUser(`hot-${reading.id}`);
  await fundCash(client, user, HOT_USER_LOAD.fundedWith);

  const calls: Call[] = [];
  const lags: number[] = [];
  const capacity = reading.virtualUsers ?? Number.POSITIVE_INFINITY;
  let busy = 0;
  let dropped = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  instruments.counter.reset();
  loopDelay.enable();
  const origin = performance.now() + 50;
  const arrive = async (arrival: PlannedArrival) => {
    await sleep(Math.max(0, origin + arrival.offsetMs - performance.now()));
    lags.push(Math.max(0, performance.now() - (origin + arrival.offsetMs)));
    if (busy >= capacity) {
      dropped++;
      return;
    }
    busy++;
    try {
      for (const name of arrival.operations) {
        const key = `hot-${reading.id}-${arrival.index}-${name}`;
        const body = reading.amounts[name];
        const { path } = operation(name);
        const answer = await client.send(user, { method: 'POST', path, body, idempotencyKey: key });
        calls.push({ operation: name, key, body, path, answer });
      }
    } finally {
      busy--;
    }
  };
  const { requests: metered, peakInFlight } = await instruments.meter.capture(() =>
    Promise.all(plan.map(arrive)),
  );
  const wallSeconds = (performance.now() - origin) / 1_000;
  loopDelay.disable();
  const dynamodbRequests = Object.fromEntries(instruments.counter.counts);
  const nanosToMs = (nanos: number) => Math.round(nanos / 1_000) / 1_000;

  for (const call of calls.filter((candidate) => isIndefinite(candidate.answer.status))) {
    await resolve(client, user, call);
  }
  const model: Model = { cash: funded, asset: 0n };
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
  const operations = [...new Set(plan.flatMap((arrival) => arrival.operations))];
  const units = metered.reduce((sum, request) => addUnits(sum, request.units), NO_UNITS);
  const perSuccess = (total: number) => (succeeded === 0 ? 0 : Math.round((total / succeeded) * 100) / 100);
  const latencyByOperation = Object.fromEntries(
    operations.map((name) => [
      name,
      summarizeLatencies(
        answered.filter((call) => call.operation === name).map((call) => call.answer.elapsedMs),
      ),
    ]),
  );
  return {
    reading: reading.id,
    label: reading.label,
    pattern: reading.pattern,
    requestsPerArrival: reading.requestsPerArrival,
    ...(reading.virtualUsers === undefined ? {} : { virtualUsers: reading.virtualUsers }),
    targeted: reading.targeted,
    operations,
    offeredRequestsPerSecond: offeredRequestsPerSecond(reading),
    arrivals: plan.length,
    droppedArrivals: dropped,
    requests: calls.length,
    succeeded,
    successRate: calls.length === 0 ? 0 : succeeded / calls.length,
    statuses,
    latency: summarizeLatencies(answered.map((call) => call.answer.elapsedMs)),
    latencyByOperation,
    scheduleLagMs: summarizeLatencies(lags),
    wallSeconds: Math.round(wallSeconds * 1_000) / 1_000,
    balance: {
      funded: HOT_USER_LOAD.fundedWith,
      expected: {
        cash: fromMinorUnits(model.cash, CASH_SCALE),
        asset: fromMinorUnits(model.asset, QUANTITY_SCALE),
      },
      actual,
      exact,
    },
    unresolved: calls.filter((call) => isIndefinite((call.resolved ?? call.answer).status)).length,
    lockCapacity: lockCapacityOf(plan, instruments.lockHoldMs),
    dynamodb: {
      requests: dynamodbRequests,
      units,
      peakInFlight,
      perSuccess: {
        requests: perSuccess(metered.length),
        writeUnits: perSuccess(units.writeUnits),
        readUnits: perSuccess(units.readUnits),
      },
    },
    eventLoopDelayMs: {
      p50: nanosToMs(loopDelay.percentile(50)),
      p99: nanosToMs(loopDelay.percentile(99)),
      max: nanosToMs(loopDelay.max),
    },
  };
}

function tradedAssetPrice(): string {
  const asset = DEFAULT_ASSETS.find((entry) => entry.asset === TRADED_ASSET);
  if (!asset) throw new Error(`${TRADED_ASSET} is not among the seeded assets`);
  return asset.price;
}

/**
 * The hot-user load, read every way of HOT_USER_READINGS (see HOT_USER_INTERPRETATION). The
 * targeted reading runs first, so no other reading's backlog can weigh on the figures it judges.
 */
export async function runHotUser(
  client: ApiClient,
  operations: readonly OperationSpec[],
  instruments: HotUserInstruments,
): Promise<HotUserResult> {
  const available = operations.map((spec) => spec.name);
  const runs: HotUserRun[] = [];
  for (const reading of HOT_USER_READINGS) {
    const run = await runReading(client, reading, available, instruments);
    instruments.onReadingDone?.(run);
    runs.push(run);
  }
  return {
    load: HOT_USER_LOAD,
    mode: 'http',
    lockWaitBudgetMs: LOCK_WAIT_BUDGET_MS,
    interpretation: HOT_USER_INTERPRETATION,
    runs,
    reference: PUBLISHED_RESULT,
  };
}
