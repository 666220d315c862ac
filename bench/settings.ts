/** Knobs for a quicker or longer run; the defaults finish in a few minutes on two cores. */
export interface BenchSettings {
  readonly latencyRounds: number;
  readonly warmupRounds: number;
  readonly throughputSeconds: number;
  /** Open limit orders, of as many users, that the limit-fill scenario's one price change fills. */
  readonly limitFillOrders: number;
}

function positiveNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not "${text}".`);
  return value;
}

export function benchSettings(): BenchSettings {
  return {
    latencyRounds: Math.round(positiveNumber('BENCH_ROUNDS', 300)),
    warmupRounds: Math.round(positiveNumber('BENCH_WARMUP_ROUNDS', 30)),
    throughputSeconds: positiveNumber('BENCH_THROUGHPUT_SECONDS', 3),
    limitFillOrders: Math.round(positiveNumber('BENCH_LIMIT_FILL_ORDERS', 1_000)),
  };
}
