import type { ApiClient, BenchUser, ClientMode } from '../clients/api-client';
import { newBenchUser } from '../clients/bench-user';
import type { OperationName, OperationSpec } from '../operations';
import { type LatencySummary, summarizeLatencies } from '../stats/latency-summary';
import { fund, STARTING_ASSET } from './funding';

export const THROUGHPUT_USERS = 100;
export const CONCURRENCY_LEVELS = [1, 8, 32] as const;

/** Relative weights of the mix; trades join it once they are available. */
const MIX_WEIGHTS: Readonly<Record<OperationName, number>> = { deposit: 3, withdraw: 3, buy: 2, sell: 2 };

export interface ThroughputRun {
  readonly mode: ClientMode;
  readonly concurrency: number;
  readonly seconds: number;
  readonly calls: number;
  readonly succeeded: number;
  /** Calls answered 201 per second of wall time. */
  readonly opsPerSecond: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly latency: LatencySummary | undefined;
}

export interface ThroughputOptions {
  readonly operations: readonly OperationSpec[];
  readonly clients: readonly ApiClient[];
  readonly seconds: number;
  readonly onProgress?: (run: ThroughputRun) => void;
}

export interface ThroughputResult {
  readonly users: number;
  readonly mix: Readonly<Record<string, number>>;
  readonly runs: readonly ThroughputRun[];
}

function weightedPicker(operations: readonly OperationSpec[]): () => OperationSpec {
  const total = operations.reduce((sum, spec) => sum + MIX_WEIGHTS[spec.name], 0);
  return () => {
    let ticket = Math.random() * total;
    for (const spec of operations) {
      ticket -= MIX_WEIGHTS[spec.name];
      if (ticket < 0) return spec;
    }
    return operations[operations.length - 1] as OperationSpec;
  };
}

async function closedLoop(
  client: ApiClient,
  users: readonly BenchUser[],
  pick: () => OperationSpec,
  concurrency: number,
  seconds: number,
): Promise<ThroughputRun> {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let calls = 0;
  const started = performance.now();
  const deadline = started + seconds * 1_000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const user = users[Math.floor(Math.random() * users.length)] as BenchUser;
      const spec = pick();
      const answer = await client.send(user, { method: 'POST', path: spec.path, body: spec.body });
      calls += 1;
      statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
      if (answer.status === 201) latencies.push(answer.elapsedMs);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSeconds = (performance.now() - started) / 1_000;
  return {
    mode: client.mode,
    concurrency,
    seconds: Math.round(elapsedSeconds * 1_000) / 1_000,
    calls,
    succeeded: latencies.length,
    opsPerSecond: Math.round((latencies.length / elapsedSeconds) * 10) / 10,
    statuses,
    latency: summarizeLatencies(latencies),
  };
}

/**
 * Closed-loop throughput: `concurrency` workers, each calling as soon as its previous call returned,
 * every call on a random one of 100 funded users with a random operation of the mix. Two workers
 * on one user contend for its lock exactly as two clients would.
 */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const [setupClient] = options.clients;
  if (!setupClient) throw new Error('Throughput needs a client');
  const trades = options.operations.some((spec) => spec.name === 'sell');
  const users: BenchUser[] = [];
  for (let index = 0; index < THROUGHPUT_USERS; index++) users.push(await newBenchUser(`load-${index}`));
  for (let index = 0; index < users.length; index += 10) {
    await Promise.all(
      users
        .slice(index, index + 10)
        .map((user) => fund(setupClient, user, { asset: trades ? STARTING_ASSET : undefined })),
    );
  }
  const pick = weightedPicker(options.operations);
  const runs: ThroughputRun[] = [];
  for (const client of options.clients) {
    for (const concurrency of CONCURRENCY_LEVELS) {
      const run = await closedLoop(client, users, pick, concurrency, options.seconds);
      runs.push(run);
      options.onProgress?.(run);
    }
  }
  return {
    users: users.length,
    mix: Object.fromEntries(options.operations.map((spec) => [spec.name, MIX_WEIGHTS[spec.name]])),
    runs,
  };
}
