/**
 * A small seeded generator (mulberry32), shared by the fault injector and the checker's workload
 * (check/), so a seed replays the same operations, amounts and fault draws. The interleaving of
 * concurrent requests still depends on timing, as in any Jepsen-style run.
 */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A bigint in [min, max], both included; for amounts with more digits than a double holds exactly. */
  bigint(min: bigint, max: bigint): bigint;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    bigint: (min, max) => {
      const span = max - min + 1n;
      // Two draws give 52+ random bits, far more than any span used here.
      const draw = BigInt(Math.floor(next() * 2 ** 26)) * 2n ** 26n + BigInt(Math.floor(next() * 2 ** 26));
      return min + (draw % span);
    },
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

/** A seed for a sub-stream (one per operation), so its decisions do not depend on other operations. */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let hash = seed >>> 0;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x9e3779b1) >>> 0;
    hash = (hash ^ (hash >>> 16)) >>> 0;
  }
  return hash;
}
