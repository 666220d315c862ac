import { cpus, loadavg, totalmem } from 'node:os';
import { countDynamoDbRequests } from '../common/storage/request-counter';
import { lockstepConfig } from '../lib/config';
import { repoRoot } from '../local/repo-root';
import { startBenchEnvironment } from './bench-environment';
import { httpClient } from './clients/http-client';
import { inProcessClient } from './clients/in-process-client';
import { loadAwsPricing } from './cost/aws-pricing';
import { costPerThousand } from './cost/cost-model';
import { baselineUsage, lockstepUsage } from './cost/operation-usage';
import { installRequestMeter } from './metering/request-meter';
import { type BenchOutput, writeBenchFiles } from './output';
import { type ChartRow, latencyChartSvg } from './report/latency-chart';
import { markdownReport } from './report/markdown-report';
import { readmeSection } from './report/readme-section';
import type { BenchResults, CostRow } from './report/results-document';
import { probeOperations } from './scenarios/availability';
import { runHotUser } from './scenarios/hot-user';
import { type LatencySeriesResult, measureLatency } from './scenarios/latency';
import { measureRoundTrips } from './scenarios/round-trips';
import { measureThroughput } from './scenarios/throughput';
import { benchSettings } from './settings';
import { evaluateTargets } from './targets';

const log = (message: string): void => console.log(`[bench] ${message}`);
const seconds = (since: number): string => `${((performance.now() - since) / 1_000).toFixed(1)} s`;

function chartRows(series: readonly LatencySeriesResult[]): ChartRow[] {
  return series.flatMap((entry) =>
    entry.summary
      ? [
          {
            label: entry.label,
            kind:
              entry.subject === 'floor' ? 'floor' : entry.subject === 'baseline' ? 'baseline' : 'lockstep',
            p50: entry.summary.p50,
            p95: entry.summary.p95,
            p99: entry.summary.p99,
          } satisfies ChartRow,
        ]
      : [],
  );
}

export async function runBenchmark(output: BenchOutput): Promise<void> {
  const startedAt = new Date();
  const clock = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const settings = benchSettings();
  const pricing = loadAwsPricing();
  // Both middlewares must be registered before the storage client exists.
  const counter = countDynamoDbRequests();
  const meter = installRequestMeter();

  log('starting DynamoDB Local (in memory, free port) and the local stack');
  const environment = await startBenchEnvironment();
  const inProcess = inProcessClient(environment.apiPort);
  const http = httpClient(environment.apiUrl);
  try {
    log(
      `ready in ${seconds(clock)}: API ${environment.apiUrl}, DynamoDB Local ${environment.dynamodbEndpoint}`,
    );
    const { available, unavailable } = await probeOperations(inProcess);
    log(`measuring ${available.map((spec) => spec.name).join(', ')}`);
    for (const { operation, reason } of unavailable) log(`not measuring ${operation}: ${reason}`);

    let started = performance.now();
    const roundTrips = await measureRoundTrips(available, inProcess, counter, meter);
    log(`round trips done in ${seconds(started)}`);

    started = performance.now();
    let lastReported = 0;
    const latency = await measureLatency({
      operations: available,
      clients: [inProcess, http],
      meter,
      rounds: settings.latencyRounds,
      warmupRounds: settings.warmupRounds,
      onProgress: (done, total) => {
        if (done - lastReported >= 100 || done === total) {
          lastReported = done;
          log(`latency: round ${done} of ${total}`);
        }
      },
    });
    log(`latency done in ${seconds(started)}`);

    started = performance.now();
    const throughput = await measureThroughput({
      operations: available,
      clients: [inProcess, http],
      seconds: settings.throughputSeconds,
      onProgress: (run) =>
        log(
          `throughput ${run.mode} × ${run.concurrency}: ${run.opsPerSecond.toFixed(1)} ops/s (${run.calls} calls)`,
        ),
    });
    log(`throughput done in ${seconds(started)}`);

    started = performance.now();
    const lockHoldMs = Object.fromEntries(
      latency.flatMap((series) =>
        series.mode === 'in-process' && series.usage
          ? [[series.subject, series.usage.dynamodbMsPerCall]]
          : [],
      ),
    );
    const hotUser = await runHotUser(http, available, {
      counter,
      meter,
      lockHoldMs,
      onReadingDone: (run) =>
        log(
          `hot user, ${run.label}: ${(run.successRate * 100).toFixed(2)} % of ${run.requests} answered 201 (${run.droppedArrivals} arrivals dropped), p95 ${run.latency?.p95.toFixed(2) ?? '—'} ms, per 201 ${run.dynamodb.perSuccess.requests} DynamoDB requests / ${run.dynamodb.perSuccess.writeUnits} WRU / ${run.dynamodb.perSuccess.readUnits} RRU, balance ${run.balance.exact ? 'exact' : 'DIFFERS from the model'}`,
        ),
    });
    log(`hot user done in ${seconds(started)}`);

    const lambdaMemoryMb = lockstepConfig.lambda.memorySizeMb;
    const costRows: CostRow[] = [];
    for (const spec of available) {
      const trips = roundTrips.find((result) => result.operation === spec.name);
      const series = latency.find((entry) => entry.id === `${spec.name}/in-process`);
      if (!trips || !series) continue;
      const usage = lockstepUsage(spec, trips, series, lambdaMemoryMb);
      costRows.push({ subject: spec.name, usage, perThousand: costPerThousand(usage, pricing) });
    }
    const baseline = latency.find((entry) => entry.id === 'baseline/deposit');
    if (baseline) {
      const usage = baselineUsage(baseline, lambdaMemoryMb);
      costRows.push({
        subject: 'baseline deposit (for comparison)',
        usage,
        perThousand: costPerThousand(usage, pricing),
      });
    }

    const targets = evaluateTargets({ roundTrips, unavailable, latency, hotUser });
    const finishedAt = new Date();
    const cpuList = cpus();
    const results: BenchResults = {
      schemaVersion: 1,
      metadata: {
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1_000,
        node: process.version,
        platform: process.platform,
        arch: process.arch,
        cpuCount: cpuList.length,
        cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
        memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
        loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] ?? 0 },
        store: 'DynamoDB Local, in memory, started by the benchmark on a free loopback port',
        handlerLogLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
        latencyRounds: settings.latencyRounds,
        warmupRounds: settings.warmupRounds,
        throughputSecondsPerRun: settings.throughputSeconds,
        measuredOperations: available.map((spec) => spec.name),
        unavailableOperations: unavailable,
      },
      targets,
      roundTrips,
      latency: { unit: 'ms', series: latency },
      throughput,
      hotUser,
      cost: {
        region: pricing.region,
        pricesRecordedOn: pricing.recordedOn,
        sources: [
          pricing.dynamodb.source,
          pricing.lambda.source,
          pricing.stepFunctionsExpress.source,
          pricing.httpApi.source,
        ],
        lambdaMemoryMb,
        rows: costRows,
      },
    };

    const written = writeBenchFiles(
      {
        resultsJson: `${JSON.stringify(results, null, 2)}\n`,
        resultsMarkdown: markdownReport(results),
        latencySvg: latencyChartSvg(
          chartRows(latency),
          'lockstep latency: p50, p95 and p99 per operation',
          `${settings.latencyRounds} rounds, ${finishedAt.toISOString().slice(0, 10)}, Node ${process.version}, ${cpuList.length} CPUs, DynamoDB Local in memory`,
        ),
        readmeSection: readmeSection(results),
      },
      output,
      repoRoot,
    );
    log(`wrote ${written.join('; ')}`);
    if (!output.publish) log('the published figures are unchanged; --publish replaces them with these');

    for (const target of targets) {
      const mark = target.pass === null ? 'n/a ' : target.pass ? 'pass' : 'MISS';
      log(`${mark}  ${target.description}: ${target.measured} (goal ${target.target})`);
    }
    const missed = targets.filter((target) => target.pass === false);
    log(
      missed.length === 0
        ? 'every measured target was met'
        : `targets missed: ${missed.map((target) => target.id).join(', ')}`,
    );
  } finally {
    inProcess.close();
    http.close();
    await environment.stop();
    log(`DynamoDB Local stopped; total ${seconds(clock)}`);
  }
}
