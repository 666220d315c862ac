import type { HotUserRun } from '../scenarios/hot-user';
import type { LatencySummary } from '../stats/latency-summary';
import type { BenchResults, TargetOutcome } from './results-document';

const ms = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(2));
const usd = (value: number): string => `$${value.toFixed(6)}`;
const percent = (value: number): string => `${(value * 100).toFixed(2)} %`;
const verdict = (pass: boolean | null): string =>
  pass === null ? 'not measured' : pass ? 'pass' : '**MISS**';
const row = (cells: ReadonlyArray<string | number>): string => `| ${cells.join(' | ')} |`;
const header = (cells: readonly string[]): string[] => [row(cells), row(cells.map(() => '---'))];

export function targetsTable(targets: readonly TargetOutcome[]): string[] {
  return [
    ...header(['target', 'goal', 'measured', 'result']),
    ...targets.map((target) =>
      row([target.description, target.target, target.measured, verdict(target.pass)]),
    ),
  ];
}

const summaryCells = (summary: LatencySummary | undefined): string[] => [
  String(summary?.count ?? 0),
  ms(summary?.p50),
  ms(summary?.p95),
  ms(summary?.p99),
  ms(summary?.mean),
  ms(summary?.max),
];

export function latencyTable(results: BenchResults): string[] {
  return [
    ...header(['series', 'calls', 'p50', 'p95', 'p99', 'mean', 'max', 'errors']),
    ...results.latency.series.map((series) =>
      row([series.label, ...summaryCells(series.summary), String(series.errors)]),
    ),
  ];
}

/** For series whose DynamoDB requests were captured: mean time per call inside DynamoDB and outside it. */
function timeBreakdownTable(results: BenchResults): string[] {
  const captured = results.latency.series.filter((series) => series.usage && series.summary);
  return [
    ...header(['series', 'mean', 'in DynamoDB', 'outside DynamoDB', 'mean per request']),
    ...captured.map((series) => {
      const usage = series.usage;
      const mean = series.summary?.mean ?? 0;
      const inDynamoDb = usage?.dynamodbMsPerCall ?? 0;
      return row([
        series.label,
        ms(mean),
        ms(inDynamoDb),
        ms(mean - inDynamoDb),
        Object.entries(usage?.msByRequest ?? {})
          .map(([operation, time]) => `${operation} ${time.toFixed(2)}`)
          .join(', '),
      ]);
    }),
  ];
}

function roundTripSection(results: BenchResults): string[] {
  return [
    '## Round trips',
    '',
    'DynamoDB requests of one call, uncontended, for a warm user, counted by the SDK middleware in `common/storage/request-counter.ts`; request units computed from the requests sent (`bench/metering/`).',
    '',
    ...header(['operation', 'requests', 'by request', 'target', 'result', 'WRU', 'RRU']),
    ...results.roundTrips.map((trip) =>
      row([
        trip.operation,
        trip.total,
        Object.entries(trip.byOperation)
          .map(([operation, count]) => `${count} ${operation}`)
          .join(', '),
        `≤ ${trip.target}`,
        verdict(trip.pass),
        trip.units.writeUnits,
        trip.units.readUnits,
      ]),
    ),
    ...results.metadata.unavailableOperations.map(({ operation, reason }) =>
      row([operation, '—', `not measured: ${reason}`, '—', 'not measured', '—', '—']),
    ),
  ];
}

function latencySection(results: BenchResults): string[] {
  const { latencyRounds, warmupRounds } = results.metadata;
  return [
    '## Latency',
    '',
    `Milliseconds, from ${latencyRounds} rounds after ${warmupRounds} warm-up rounds. Each round calls every series once, in turn, starting at a different series each round, so drift during the run falls on all of them alike. In-process: the handler alone, called with the event the local gateway builds. HTTP: a real request to the local API, token checked. Floor and baseline: their DynamoDB calls alone.`,
    '',
    '![p50, p95 and p99 latency per series](latency.svg)',
    '',
    ...latencyTable(results),
    '',
    'Where the time of a call goes (mean, ms): the time its DynamoDB requests took, as the SDK saw them, and everything else (handler code, middlewares, and for an order the local workflow runner).',
    '',
    ...timeBreakdownTable(results),
  ];
}

function throughputSection(results: BenchResults): string[] {
  const { throughput } = results;
  const mix = Object.entries(throughput.mix)
    .map(([name, weight]) => `${name} ${weight}`)
    .join(', ');
  return [
    '## Throughput',
    '',
    `Closed loop: each worker sends its next call when the last one answered, on a random one of ${throughput.users} funded users, with a random operation weighted ${mix}. ${results.metadata.throughputSecondsPerRun} s per run. Operations per second count 201 answers only.`,
    '',
    ...header(['client', 'concurrency', 'ops/s', 'calls', 'answers', 'p50', 'p95', 'p99']),
    ...throughput.runs.map((run) =>
      row([
        run.mode,
        run.concurrency,
        run.opsPerSecond.toFixed(1),
        run.calls,
        Object.entries(run.statuses)
          .map(([status, count]) => `${count}× ${status}`)
          .join(', '),
        ms(run.latency?.p50),
        ms(run.latency?.p95),
        ms(run.latency?.p99),
      ]),
    ),
  ];
}

const balanceCell = (run: HotUserRun): string =>
  run.balance.exact
    ? 'yes'
    : `**no**: expected ${run.balance.expected.cash} USD, ${run.balance.expected.asset} BTC; found ${run.balance.actual.cashAvailable} (+${run.balance.actual.cashHeld} held) USD, ${run.balance.actual.asset} (+${run.balance.actual.assetHeld} held) BTC`;

const perArrivalCell = (run: HotUserRun): string =>
  run.pattern === 'cycle'
    ? `${run.requestsPerArrival} (${run.operations.join(' → ')} in turn)`
    : `${run.requestsPerArrival} (${run.operations.join(', then ')})`;

const runHeading = (run: HotUserRun): string =>
  `lockstep, ${run.label}${run.targeted ? ' (targets)' : ', no target'}`;

/** Every reading of the hot-user load side by side, next to what another trading system published for the same load. */
export function hotUserComparisonTable(results: BenchResults): string[] {
  const { runs, load, reference } = results.hotUser;
  const cells = (cell: (run: HotUserRun) => string, referenceCell: string): string[] => [
    ...runs.map(cell),
    referenceCell,
  ];
  return [
    ...header(['', ...runs.map(runHeading), 'another trading system, published']),
    row([
      'arrivals per second',
      ...cells(() => `${load.startRps} → ${load.endRps}`, `${load.startRps} → ${load.endRps}`),
    ]),
    row(['requests per arrival', ...cells(perArrivalCell, 'deposit + withdrawal + buy, as quoted')]),
    row([
      'virtual users',
      ...cells((run) => (run.virtualUsers === undefined ? 'no cap' : String(run.virtualUsers)), '—'),
    ]),
    row(['arrivals dropped (all virtual users busy)', ...cells((run) => String(run.droppedArrivals), '—')]),
    row([
      'requests per second',
      ...cells((run) => `${run.offeredRequestsPerSecond.start} → ${run.offeredRequestsPerSecond.end}`, '—'),
    ]),
    row([
      'success rate',
      ...cells(
        (run) => `${percent(run.successRate)} (${run.succeeded} of ${run.requests})`,
        percent(reference.successRate),
      ),
    ]),
    row([
      'mean latency',
      ...cells(
        (run) => `${ms(run.latency?.mean)} ms`,
        `${reference.meanLatencyMs.toLocaleString('en-US')} ms`,
      ),
    ]),
    row(['p95 latency', ...cells((run) => `${ms(run.latency?.p95)} ms`, '—')]),
    row([
      'p99 / max latency',
      ...cells((run) => `${ms(run.latency?.p99)} / ${ms(run.latency?.max)} ms`, '—'),
    ]),
    row(['final balance equals the model', ...cells(balanceCell, '—')]),
    row([
      'DynamoDB requests / WRU / RRU per 201',
      ...cells(
        ({ dynamodb: { perSuccess } }) =>
          `${perSuccess.requests.toFixed(2)} / ${perSuccess.writeUnits.toFixed(2)} / ${perSuccess.readUnits.toFixed(2)}`,
        '—',
      ),
    ]),
  ];
}

function hotUserRunDetails(run: HotUserRun): string[] {
  const capacity = run.lockCapacity;
  const perArrival =
    run.pattern === 'cycle'
      ? `one arrival holds the user's lock for about ${ms(capacity.holdMsPerArrival)} ms on average (one operation, the mean over the cycle`
      : `one arrival holds the user's lock for about ${ms(capacity.holdMsPerArrival)} ms (all ${run.requestsPerArrival} operations`;
  return [
    `### Hot user, ${run.label}${run.targeted ? ': the targets apply' : ': no target'}`,
    '',
    `${run.arrivals} arrivals${run.virtualUsers === undefined ? '' : ` from at most ${run.virtualUsers} virtual users, ${run.droppedArrivals} of them dropped`}, ${run.requests} requests (${run.offeredRequestsPerSecond.start} → ${run.offeredRequestsPerSecond.end} requests per second offered). Lock capacity: ${perArrival}, each for the uncontended time it spends in DynamoDB in the latency run), so the lock can pass at most ${capacity.arrivalsPerSecond.toFixed(1)} arrivals per second on this machine, however waiters are woken; the ramp offers ${capacity.offeredMeanArrivalsPerSecond.toFixed(1)} on average and ${capacity.offeredPeakArrivalsPerSecond} at its peak.`,
    '',
    `DynamoDB requests during the load: ${Object.entries(run.dynamodb.requests)
      .map(([operation, count]) => `${count} ${operation}`)
      .join(
        ', ',
      )} (${run.dynamodb.units.writeUnits} WRU, ${run.dynamodb.units.readUnits} RRU), per 201: ${run.dynamodb.perSuccess.requests.toFixed(2)} requests, ${run.dynamodb.perSuccess.writeUnits.toFixed(2)} WRU, ${run.dynamodb.perSuccess.readUnits.toFixed(2)} RRU; at most ${run.dynamodb.peakInFlight} in flight at once, through one SDK client of at most 50 sockets. Event-loop delay of the one Node process (API, handlers, workflow runner and load generator): p50 ${ms(run.eventLoopDelayMs.p50)} ms, p99 ${ms(run.eventLoopDelayMs.p99)} ms, max ${ms(run.eventLoopDelayMs.max)} ms.`,
    '',
    `Answers: ${Object.entries(run.statuses)
      .map(([status, count]) => `${count}× ${status}`)
      .join(
        ', ',
      )}. Indefinite answers left after resending: ${run.unresolved}. Final balance: ${run.balance.actual.cashAvailable} USD (+${run.balance.actual.cashHeld} held), ${run.balance.actual.asset} BTC (+${run.balance.actual.assetHeld} held); the model from the 201s says ${run.balance.expected.cash} USD, ${run.balance.expected.asset} BTC. Wall time ${run.wallSeconds.toFixed(2)} s; arrivals started late by p50 ${ms(run.scheduleLagMs?.p50)} ms, max ${ms(run.scheduleLagMs?.max)} ms.`,
    '',
    ...header(['operation', 'answered', 'p50', 'p95', 'p99', 'mean']),
    ...Object.entries(run.latencyByOperation).map(([name, summary]) =>
      row([
        name,
        String(summary?.count ?? 0),
        ms(summary?.p50),
        ms(summary?.p95),
        ms(summary?.p99),
        ms(summary?.mean),
      ]),
    ),
  ];
}

function hotUserSection(results: BenchResults): string[] {
  const hot = results.hotUser;
  const { load } = hot;
  return [
    '## Hot user',
    '',
    `${hot.runs.length} fresh users, each funded with ${load.fundedWith} and hit by open-loop arrivals ramping from ${load.startRps} to ${load.endRps} per second over ${load.seconds} s, one reading after the other, through the local HTTP API, every POST with an Idempotency-Key and every indefinite answer resent with the same key until definite. ${hot.interpretation} Success is a 201, which a request gets only if it holds the lock within the ${(hot.lockWaitBudgetMs / 1_000).toFixed(0)} s lock wait budget; every other answer is a failure (a 409 LOCKED means the budget ran out; every reading's amounts leave the account funded whatever succeeds, so no call can be refused for want of funds). Each final balance is held against the model built from that reading's 201 answers.`,
    '',
    ...hotUserComparisonTable(results),
    '',
    ...hot.runs.flatMap((run) => ['', ...hotUserRunDetails(run)]),
  ];
}

/** Per 1,000 operations, one column per AWS service: the short form the README shows. */
export function costTotalsTable(results: BenchResults): string[] {
  return [
    ...header(['operation', 'DynamoDB', 'Lambda', 'Step Functions', 'HTTP API', 'total']),
    ...results.cost.rows.map(({ subject, perThousand: c }) =>
      row([
        subject,
        usd(c.dynamodbWrites + c.dynamodbReads),
        usd(c.lambdaRequests + c.lambdaDuration),
        usd(c.stepFunctionsRequests + c.stepFunctionsDuration),
        usd(c.httpApiRequests),
        `**${usd(c.total)}**`,
      ]),
    ),
  ];
}

function costSection(results: BenchResults): string[] {
  const { cost } = results;
  return [
    '## Cost per 1,000 operations',
    '',
    `USD in ${cost.region}, on-demand list prices recorded on ${cost.pricesRecordedOn} in \`bench/aws-pricing.json\` (sources: ${cost.sources.join('; ')}). Request units are counted from the requests each operation sent: transactional writes at 2 WRU per KB per item, ConditionChecks as transactional reads. Lambda: arm64 at ${cost.lambdaMemoryMb} MB (lib/config.ts), duration = the handler's mean in-process time measured here (a local figure: DynamoDB in AWS is further away than DynamoDB Local). An order adds its Reserve and Commit Lambdas and one Express execution, each task taken to last as long as its TransactWriteItems; Express bills at least 100 ms at 64 MB. Free tiers are left out.`,
    '',
    ...header([
      'operation',
      'DynamoDB writes',
      'DynamoDB reads',
      'Lambda requests',
      'Lambda duration',
      'Step Functions requests',
      'Step Functions duration',
      'HTTP API',
      'total',
    ]),
    ...cost.rows.map(({ subject, perThousand: c }) =>
      row([
        subject,
        usd(c.dynamodbWrites),
        usd(c.dynamodbReads),
        usd(c.lambdaRequests),
        usd(c.lambdaDuration),
        usd(c.stepFunctionsRequests),
        usd(c.stepFunctionsDuration),
        usd(c.httpApiRequests),
        `**${usd(c.total)}**`,
      ]),
    ),
    '',
    ...header(['operation', 'WRU', 'RRU', 'Lambda invocations (ms each)', 'Express executions (ms each)']),
    ...cost.rows.map(({ subject, usage }) =>
      row([
        subject,
        usage.writeRequestUnits.toFixed(2),
        usage.readRequestUnits.toFixed(2),
        usage.lambdaInvocations
          .map((invocation) => `${invocation.fn} ${invocation.durationMs.toFixed(2)}`)
          .join(', '),
        usage.workflowExecutions.map((execution) => execution.durationMs.toFixed(2)).join(', ') || '—',
      ]),
    ),
  ];
}

function metadataSection(results: BenchResults): string[] {
  const meta = results.metadata;
  return [
    '## Run',
    '',
    `${meta.startedAt} → ${meta.finishedAt} (${meta.durationSeconds.toFixed(1)} s), Node ${meta.node} on ${meta.platform}/${meta.arch}, ${meta.cpuCount} × ${meta.cpuModel}, ${meta.memoryGb} GB, load average ${meta.loadAverage.atStart.toFixed(2)} at the start and ${meta.loadAverage.atEnd.toFixed(2)} at the end. Store: ${meta.store}. Handler logs at ${meta.handlerLogLevel}. Measured: ${meta.measuredOperations.join(', ')}.${
      meta.unavailableOperations.length > 0
        ? ` Not measured: ${meta.unavailableOperations.map(({ operation, reason }) => `${operation} (${reason})`).join('; ')}.`
        : ''
    }`,
  ];
}

export function markdownReport(results: BenchResults): string {
  return `${[
    '# lockstep benchmark',
    '',
    'Produced by `npm run bench`: everything below was measured side by side in one process run, against one in-memory DynamoDB Local. Machine-readable figures: `results.json`.',
    '',
    '## Targets',
    '',
    ...targetsTable(results.targets),
    '',
    ...roundTripSection(results),
    '',
    ...latencySection(results),
    '',
    ...throughputSection(results),
    '',
    ...hotUserSection(results),
    '',
    ...costSection(results),
    '',
    ...metadataSection(results),
  ].join('\n')}\n`;
}
