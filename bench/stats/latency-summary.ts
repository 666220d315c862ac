import { build } from 'hdr-histogram-js';

/** Milliseconds, rounded to the microsecond the histogram records. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** HdrHistogram keeps 3 significant digits, so a percentile is off by at most 0.1 %. */
const SIGNIFICANT_DIGITS = 3;
const MICROS_PER_MS = 1_000;

const toMs = (micros: number): number => Math.round(micros) / MICROS_PER_MS;

/**
 * p50, p95 and p99 as HdrHistogram reports them: the value at or below which that share of samples
 * falls. Mean and max are exact, from the samples themselves. Undefined when there is nothing to sum up.
 */
export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary | undefined {
  if (samplesMs.length === 0) return undefined;
  const histogram = build({ numberOfSignificantValueDigits: SIGNIFICANT_DIGITS, useWebAssembly: false });
  try {
    let sum = 0;
    let max = 0;
    for (const sample of samplesMs) {
      if (!Number.isFinite(sample) || sample < 0) throw new Error(`Not a latency: ${sample}`);
      // The histogram takes integers; a sample under 1 µs still counts as 1 µs.
      histogram.recordValue(Math.max(1, Math.round(sample * MICROS_PER_MS)));
      sum += sample;
      max = Math.max(max, sample);
    }
    return {
      count: samplesMs.length,
      p50: toMs(histogram.getValueAtPercentile(50)),
      p95: toMs(histogram.getValueAtPercentile(95)),
      p99: toMs(histogram.getValueAtPercentile(99)),
      mean: toMs((sum / samplesMs.length) * MICROS_PER_MS),
      max: toMs(max * MICROS_PER_MS),
    };
  } finally {
    histogram.destroy();
  }
}
