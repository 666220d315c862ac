import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { countDynamoDbRequests } from '../../common/storage/request-counter';
import { repoRoot } from '../../local/repo-root';
import { startBenchEnvironment } from '../bench-environment';
import { httpClient } from '../clients/http-client';
import { inProcessClient } from '../clients/in-process-client';
import type { BenchOutput } from '../output';
import { HOT_PAYEE_TARGETS, type HotPayeeResult, runHotPayee } from './hot-payee';
import { measureTransferRoundTrips, type TransferRoundTrips } from './transfer-round-trips';

const log = (message: string): void => console.log(`[bench transfers] ${message}`);

interface TargetRow {
  readonly description: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

function targetsOf(trips: TransferRoundTrips, hot: HotPayeeResult): TargetRow[] {
  const p95 = hot.latency?.p95;
  const { load } = hot;
  const scenario = `hot payee (${load.payers} payers → 1 payee, ${load.transfersPerSecond} transfers/s for ${load.seconds} s)`;
  return [
    {
      description: 'transfer: DynamoDB round trips in sequence, uncontended, warm users',
      target: `≤ ${trips.target}`,
      measured: `${trips.sequential} (${trips.requests} requests: ${Object.entries(trips.byOperation)
        .map(([operation, count]) => `${count} ${operation}`)
        .join(' + ')}; the two UpdateItems in parallel)`,
      pass: trips.pass,
    },
    {
      description: `${scenario}: share answered 201`,
      target: `≥ ${HOT_PAYEE_TARGETS.successRate * 100} %`,
      measured: `${(hot.successRate * 100).toFixed(2)} % (${hot.succeeded} of ${hot.requests})`,
      pass: hot.successRate >= HOT_PAYEE_TARGETS.successRate,
    },
    {
      description: `${scenario}: p95 latency through the local HTTP API`,
      target: `≤ ${HOT_PAYEE_TARGETS.p95Ms} ms`,
      measured: p95 === undefined ? 'no answers' : `${p95.toFixed(2)} ms`,
      pass: p95 !== undefined && p95 <= HOT_PAYEE_TARGETS.p95Ms,
    },
    {
      description: `${scenario}: every balance equals the model built from the 201 answers`,
      target: 'exact',
      measured: hot.balances.exact
        ? `exact (payee ${hot.balances.payee.actual})`
        : `payee ${hot.balances.payee.actual} against ${hot.balances.payee.expected}; ${hot.balances.accountsDiffering} accounts differ`,
      pass: hot.balances.exact,
    },
  ];
}

function readingLines(run: HotPayeeResult): string[] {
  const statuses = Object.entries(run.statuses)
    .map(([status, count]) => `${count}× ${status}`)
    .join(', ');
  const latency = run.latency;
  return [
    `- Answers: ${statuses}; ${run.unresolved} left indefinite; balances ${run.balances.exact ? 'exact' : `differ on ${run.balances.accountsDiffering} accounts`}.`,
    latency
      ? `- Latency (ms): p50 ${latency.p50}, p95 ${latency.p95}, p99 ${latency.p99}, max ${latency.max}, over ${latency.count} answers in ${run.wallSeconds} s.`
      : '- No answers.',
    `- DynamoDB requests during the load: ${Object.entries(run.dynamodb.requests)
      .map(([operation, count]) => `${count} ${operation}`)
      .join(', ')}; ${run.dynamodb.perTransfer} per 201 (3 when no payment waits for another).`,
  ];
}

function markdown(
  targets: readonly TargetRow[],
  hot: HotPayeeResult,
  control: HotPayeeResult,
  measuredOn: string,
): string {
  const rows = targets.map(
    (row) => `| ${row.description} | ${row.target} | ${row.measured} | ${row.pass ? 'pass' : '**MISS**'} |`,
  );
  return [
    '# lockstep transfer benchmark',
    '',
    `Produced by \`npm run bench\` (\`bench/transfers/\`) on ${measuredOn}, against an in-memory DynamoDB Local. Machine-readable figures: \`results.json\` beside this file.`,
    '',
    '| target | goal | measured | result |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '## Hot payee',
    '',
    `${hot.load.payers} payers, each funded with ${hot.load.payerFundedWith}, pay one payee ${hot.load.amount} each, open loop at ${hot.load.transfersPerSecond} transfers a second for ${hot.load.seconds} s, payers taking turns, through the local HTTP API; every POST has an Idempotency-Key and every indefinite answer is resent with the same key. A transfer takes the payer's and the payee's locks (ADR 0006); once the payee's lock is busy, payments are parked at it and whoever holds it applies every parked payment in one transaction, up to 16 at a time (ADR 0014). The scenario runs once unmeasured first, on users and keys of its own, because a cold DynamoDB Local JVM is several times slower than a warm one.`,
    '',
    ...readingLines(hot),
    '',
    'The same load with each payer paying a payee of its own, so that no two payments wait for one lock (no target; it shows what this machine and DynamoDB Local carry at that rate):',
    '',
    ...readingLines(control),
    '',
  ].join('\n');
}

export async function runTransferBenchmark(output: BenchOutput): Promise<void> {
  const counter = countDynamoDbRequests();
  log('starting DynamoDB Local (in memory, free port) and the local stack');
  const environment = await startBenchEnvironment();
  const inProcess = inProcessClient(environment.apiPort);
  const http = httpClient(environment.apiUrl);
  try {
    const trips = await measureTransferRoundTrips(inProcess, counter);
    log(`round trips: ${trips.sequential} in sequence, ${trips.requests} requests`);
    // DynamoDB Local's JVM compiles its transaction and query paths over the first few thousand
    // requests, and a cold one is several times slower than it will be; a table in AWS has no such
    // phase. So the scenario runs once unmeasured, on users and keys of its own, as the main
    // benchmark's series have warm-up rounds.
    const warmUp = await runHotPayee(http, counter, 'one', 'warm-up');
    log(
      `warm-up (not judged): ${(warmUp.successRate * 100).toFixed(2)} % 201, p95 ${warmUp.latency?.p95 ?? '—'} ms`,
    );
    const hot = await runHotPayee(http, counter, 'one');
    log(`hot payee: ${(hot.successRate * 100).toFixed(2)} % 201, p95 ${hot.latency?.p95 ?? '—'} ms`);
    const control = await runHotPayee(http, counter, 'distinct');
    log(
      `distinct payees: ${(control.successRate * 100).toFixed(2)} % 201, p95 ${control.latency?.p95 ?? '—'} ms`,
    );
    const targets = targetsOf(trips, hot);
    const measuredOn = new Date().toISOString().slice(0, 10);
    // Like the main benchmark: every run writes its own folder, only --publish the published figures.
    const dirs = [
      join(output.outDir, 'transfers'),
      ...(output.publish ? [join(repoRoot, 'bench', 'transfers')] : []),
    ];
    const results = {
      schemaVersion: 1,
      measuredAt: new Date().toISOString(),
      node: process.version,
      cpuCount: cpus().length,
      targets,
      roundTrips: trips,
      hotPayee: hot,
      distinctPayees: control,
    };
    for (const dir of dirs) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
      writeFileSync(join(dir, 'results.md'), markdown(targets, hot, control, measuredOn));
    }
    log(`wrote ${dirs.join('; ')}`);
    for (const target of targets) {
      log(
        `${target.pass ? 'pass' : 'MISS'}  ${target.description}: ${target.measured} (goal ${target.target})`,
      );
    }
  } finally {
    inProcess.close();
    http.close();
    await environment.stop();
  }
}
