import { describe, expect, it } from 'vitest';
import { summarizeLatencies } from '../../../bench/stats/latency-summary';

const within = (actual: number | undefined, expected: number, relative = 0.001) =>
  expect(Math.abs((actual ?? Number.NaN) - expected) / expected).toBeLessThanOrEqual(relative);

describe('summarizeLatencies', () => {
  it('reads p50, p95 and p99 off the distribution, to HdrHistogram’s three significant digits', () => {
    const samples = Array.from({ length: 1_000 }, (_, index) => (index + 1) / 10);
    const summary = summarizeLatencies(samples);
    within(summary?.p50, 50);
    within(summary?.p95, 95);
    within(summary?.p99, 99);
    expect(summary?.count).toBe(1_000);
    expect(summary?.mean).toBe(50.05);
    expect(summary?.max).toBe(100);
  });

  it('does not care about sample order', () => {
    const ordered = [5, 1, 4, 2, 3].map((value) => value * 1.5);
    expect(summarizeLatencies(ordered)).toEqual(summarizeLatencies([...ordered].sort((a, b) => a - b)));
  });

  it('lets a tail move p99 but not p50', () => {
    const fast = Array.from({ length: 98 }, () => 1);
    const oneSlow = summarizeLatencies([...fast, 1, 500]);
    within(oneSlow?.p50, 1);
    within(oneSlow?.p99, 1);
    expect(oneSlow?.max).toBe(500);
    const twoSlow = summarizeLatencies([...fast, 500, 500]);
    within(twoSlow?.p50, 1);
    within(twoSlow?.p99, 500);
  });

  it('keeps sub-millisecond samples to the microsecond', () => {
    const summary = summarizeLatencies([0.25, 0.25, 0.25]);
    expect(summary?.p50).toBe(0.25);
    expect(summary?.mean).toBe(0.25);
  });

  it('has nothing to say about no samples, and refuses a value that is not a duration', () => {
    expect(summarizeLatencies([])).toBeUndefined();
    expect(() => summarizeLatencies([1, -2])).toThrow();
    expect(() => summarizeLatencies([Number.NaN])).toThrow();
  });
});
