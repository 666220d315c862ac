import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, METRICS_SERVICE, metricNames } from './metric-names';

/**
 * lockstep's own metrics, written as CloudWatch embedded-metric-format lines on stdout, which
 * CloudWatch Logs turns into metrics in AWS. Domain code calls the named functions below and never
 * sees Powertools; each handler flushes once per invocation (`publishMetrics`).
 *
 * Only in Lambda: there one process runs one invocation at a time, so one buffer per process is
 * right. The local server runs many requests at once in one process, and no agent reads its stdout;
 * there recording is a no-op, so nothing is buffered, mixed, or flushed early by Powertools (which
 * writes on its own once a buffer holds 100 values).
 */
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/** Lambda sets it; its absence means a local server, a test, or a script. Read on every call, so tests can set it. */
const recording = (): boolean => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

export function recordLockWait(waitMs: number, attemptsThatFoundItHeld: number): void {
  if (!recording()) return;
  metrics.addMetric(metricNames.lockWait, MetricUnit.Milliseconds, waitMs);
  metrics.addMetric(metricNames.lockContention, MetricUnit.Count, attemptsThatFoundItHeld);
}

export function recordFenceRejection(): void {
  if (!recording()) return;
  metrics.addMetric(metricNames.fenceRejections, MetricUnit.Count, 1);
}

/** `business`: the order was refused (insufficient funds or asset); `technical`: anything else failed it. */
export function recordRollback(kind: 'business' | 'technical'): void {
  if (!recording()) return;
  const name = kind === 'business' ? metricNames.businessRollbacks : metricNames.technicalRollbacks;
  metrics.addMetric(name, MetricUnit.Count, 1);
}

/** Orders the reaper failed because their flow's lease had expired. */
export function recordReaperResolution(count: number): void {
  if (!recording()) return;
  metrics.addMetric(metricNames.reaperResolutions, MetricUnit.Count, count);
}

/** Holds the reaper released because they expired unresolved. */
export function recordHoldsExpired(count: number): void {
  if (!recording()) return;
  metrics.addMetric(metricNames.holdsExpired, MetricUnit.Count, count);
}

export function recordReplay(): void {
  if (!recording()) return;
  metrics.addMetric(metricNames.idempotentReplays, MetricUnit.Count, 1);
}

/**
 * Writes what this invocation recorded and empties the buffer. Skipped when nothing was recorded:
 * Powertools would log a "no metrics to publish" warning for every read-only request.
 */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/** For a handler that is not an HTTP one (workflow tasks, the reaper): flushes after every invocation. */
export function withMetrics<Event, Result>(
  handler: (event: Event) => Promise<Result>,
): (event: Event) => Promise<Result> {
  return async (event) => {
    try {
      return await handler(event);
    } finally {
      publishMetrics();
    }
  };
}
