import type { CostPerThousand, OperationUsage } from '../cost/cost-model';
import type { HotUserResult } from '../scenarios/hot-user';
import type { LatencySeriesResult } from '../scenarios/latency';
import type { RoundTripResult } from '../scenarios/round-trips';
import type { ThroughputResult } from '../scenarios/throughput';

/** One target of the benchmark: `pass` is null when it could not be measured in this checkout. */
export interface TargetOutcome {
  readonly id: string;
  readonly description: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | null;
}

export interface CostRow {
  readonly subject: string;
  readonly usage: OperationUsage;
  readonly perThousand: CostPerThousand;
}

export interface RunMetadata {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationSeconds: number;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  /** One-minute load average: other work on the machine shows up in every figure. */
  readonly loadAverage: { readonly atStart: number; readonly atEnd: number };
  readonly store: string;
  readonly handlerLogLevel: string;
  readonly latencyRounds: number;
  readonly warmupRounds: number;
  readonly throughputSecondsPerRun: number;
  readonly measuredOperations: readonly string[];
  readonly unavailableOperations: ReadonlyArray<{ readonly operation: string; readonly reason: string }>;
}

/** The shape of bench/results.json. */
export interface BenchResults {
  readonly schemaVersion: 1;
  readonly metadata: RunMetadata;
  readonly targets: readonly TargetOutcome[];
  readonly roundTrips: readonly RoundTripResult[];
  readonly latency: { readonly unit: 'ms'; readonly series: readonly LatencySeriesResult[] };
  readonly throughput: ThroughputResult;
  readonly hotUser: HotUserResult;
  readonly cost: {
    readonly region: string;
    readonly pricesRecordedOn: string;
    readonly sources: readonly string[];
    readonly lambdaMemoryMb: number;
    readonly rows: readonly CostRow[];
  };
}
