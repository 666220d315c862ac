import { deposit } from '../../common/cash/cash-operations';
import { baselineDeposit } from '../baseline/lock-read-write-release';
import type { ApiClient } from '../clients/api-client';
import { newBenchUser } from '../clients/bench-user';
import { floorPutItem } from '../floor';
import type { MeteredRequest, RequestMeter } from '../metering/request-meter';
import type { OperationSpec } from '../operations';
import { type LatencySummary, summarizeLatencies } from '../stats/latency-summary';
import { fund, STARTING_ASSET } from './funding';

export type SeriesMode = 'in-process' | 'http' | 'direct';

/** What a captured series' calls sent to DynamoDB, per call, averaged over the measured calls. */
export interface SeriesUsage {
  readonly requestsPerCall: number;
  readonly writeUnitsPerCall: number;
  readonly readUnitsPerCall: number;
  /** Mean time of the n-th TransactWriteItems of a call: for an order, Reserve's then Commit's. */
  readonly transactWriteMs: readonly number[];
  /** Mean time a call spent waiting on DynamoDB; the rest of its time is spent outside it. */
  readonly dynamodbMsPerCall: number;
  /** Mean time of one request, by kind of request. */
  readonly msByRequest: Readonly<Record<string, number>>;
}

export interface LatencySeriesResult {
  readonly id: string;
  readonly label: string;
  /** 'floor', 'baseline', or the lockstep operation measured. */
  readonly subject: string;
  readonly mode: SeriesMode;
  readonly summary: LatencySummary | undefined;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly usage: SeriesUsage | undefined;
}

interface Sample {
  readonly ok: boolean;
  readonly status: string;
  readonly elapsedMs: number;
}

interface SeriesRunner {
  readonly id: string;
  readonly label: string;
  readonly subject: string;
  readonly mode: SeriesMode;
  readonly captured: boolean;
  call(): Promise<Sample>;
}

async function timed(work: () => Promise<unknown>): Promise<Sample> {
  const started = performance.now();
  try {
    await work();
    return { ok: true, status: 'ok', elapsedMs: performance.now() - started };
  } catch (error) {
    return { ok: false, status: (error as Error).name, elapsedMs: performance.now() - started };
  }
}

async function operationRunner(spec: OperationSpec, client: ApiClient): Promise<SeriesRunner> {
  const user = await newBenchUser(`latency-${spec.name}-${client.mode}`);
  await fund(client, user, { asset: spec.name === 'sell' ? STARTING_ASSET : undefined });
  const request = { method: 'POST', path: spec.path, body: spec.body } as const;
  return {
    id: `${spec.name}/${client.mode}`,
    label: `${spec.name} (${client.mode})`,
    subject: spec.name,
    mode: client.mode,
    captured: client.mode === 'in-process',
    async call() {
      const answer = await client.send(user, request);
      return { ok: answer.status === 201, status: String(answer.status), elapsedMs: answer.elapsedMs };
    },
  };
}

async function baselineRunner(): Promise<SeriesRunner> {
  const { userId } = await newBenchUser('latency-baseline');
  return {
    id: 'baseline/deposit',
    label: 'baseline deposit (5 round trips)',
    subject: 'baseline',
    mode: 'direct',
    captured: true,
    call: () => timed(() => baselineDeposit(userId, 1_000n)),
  };
}

/**
 * Lockstep's deposit without its handler (no event parsing, validation or middlewares): the like for
 * like comparison with the baseline, which is bare DynamoDB calls too.
 */
async function domainDepositRunner(): Promise<SeriesRunner> {
  const { userId } = await newBenchUser('latency-deposit-domain');
  return {
    id: 'deposit/direct',
    label: 'deposit (domain call, no handler)',
    subject: 'deposit',
    mode: 'direct',
    captured: true,
    call: () => timed(() => deposit({ userId, amount: 1_000n, requestId: 'bench' })),
  };
}

function floorRunner(): SeriesRunner {
  const put = floorPutItem();
  return {
    id: 'floor',
    label: 'floor (1 conditional PutItem)',
    subject: 'floor',
    mode: 'direct',
    captured: true,
    call: () => timed(put),
  };
}

class SeriesRecorder {
  readonly samples: number[] = [];
  readonly statuses: Record<string, number> = {};
  errors = 0;
  private calls = 0;
  private requests = 0;
  private writeUnits = 0;
  private readUnits = 0;
  private readonly transactWrites: number[][] = [];
  private dynamodbMs = 0;
  private readonly byRequest = new Map<string, number[]>();

  record(sample: Sample, requests: readonly MeteredRequest[] | undefined): void {
    this.statuses[sample.status] = (this.statuses[sample.status] ?? 0) + 1;
    if (!sample.ok) {
      this.errors += 1;
      return;
    }
    this.samples.push(sample.elapsedMs);
    if (!requests) return;
    this.calls += 1;
    this.requests += requests.length;
    for (const request of requests) {
      this.writeUnits += request.units.writeUnits;
      this.readUnits += request.units.readUnits;
      this.dynamodbMs += request.durationMs;
      const times = this.byRequest.get(request.operation) ?? [];
      times.push(request.durationMs);
      this.byRequest.set(request.operation, times);
    }
    requests
      .filter((request) => request.operation === 'TransactWriteItems')
      .forEach((request, index) => {
        const times = this.transactWrites[index] ?? [];
        times.push(request.durationMs);
        this.transactWrites[index] = times;
      });
  }

  usage(): SeriesUsage | undefined {
    if (this.calls === 0) return undefined;
    // To the microsecond, like the latency summaries.
    const micro = (value: number) => Math.round(value * 1_000) / 1_000;
    const mean = (values: readonly number[]) =>
      micro(values.reduce((sum, value) => sum + value, 0) / values.length);
    return {
      requestsPerCall: micro(this.requests / this.calls),
      writeUnitsPerCall: micro(this.writeUnits / this.calls),
      readUnitsPerCall: micro(this.readUnits / this.calls),
      transactWriteMs: this.transactWrites.map(mean),
      dynamodbMsPerCall: micro(this.dynamodbMs / this.calls),
      msByRequest: Object.fromEntries(
        [...this.byRequest].map(([operation, times]) => [operation, mean(times)]),
      ),
    };
  }
}

export interface LatencyOptions {
  readonly operations: readonly OperationSpec[];
  readonly clients: readonly ApiClient[];
  readonly meter: RequestMeter;
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Every series in the same rounds: each round calls each series once, sequentially, starting at a
 * different series every round. Whatever drifts during the run (JIT, garbage collection, DynamoDB
 * Local warming up) then lands on every series alike, which is what makes the ratios fair.
 */
export async function measureLatency(options: LatencyOptions): Promise<LatencySeriesResult[]> {
  const runners: SeriesRunner[] = [floorRunner(), await baselineRunner(), await domainDepositRunner()];
  for (const spec of options.operations) {
    for (const client of options.clients) runners.push(await operationRunner(spec, client));
  }
  const recorders = new Map(runners.map((runner) => [runner.id, new SeriesRecorder()]));
  const totalRounds = options.warmupRounds + options.rounds;
  for (let round = 0; round < totalRounds; round++) {
    const start = round % runners.length;
    for (const runner of [...runners.slice(start), ...runners.slice(0, start)]) {
      const { result: sample, requests } = runner.captured
        ? await options.meter.capture(() => runner.call())
        : { result: await runner.call(), requests: undefined };
      if (round >= options.warmupRounds) recorders.get(runner.id)?.record(sample, requests);
    }
    options.onProgress?.(round + 1, totalRounds);
  }
  return runners.map((runner) => {
    const recorder = recorders.get(runner.id) ?? new SeriesRecorder();
    return {
      id: runner.id,
      label: runner.label,
      subject: runner.subject,
      mode: runner.mode,
      summary: summarizeLatencies(recorder.samples),
      errors: recorder.errors,
      statuses: recorder.statuses,
      usage: recorder.usage(),
    };
  });
}
