import { deriveSeed, type Random, seededRandom } from '../local/faults/seeded-random';
import { formatMinor } from './amounts';
import type { OperationKind, ReferenceField } from './history';

export interface PlannedOperation {
  readonly kind: OperationKind;
  /** Who sends it, unless `admin`. */
  readonly userIndex: number;
  /** Sent by the run's admin user instead (a price change). */
  readonly admin?: boolean;
  /** The payee of a transfer or hold; its user id goes into the body as `to`. */
  readonly payeeIndex?: number;
  readonly body: Readonly<Record<string, string | number>>;
  /** The path's `{id}` when the plan knows it: the asset of a price change. */
  readonly pathId?: string;
  /** Acts on the hold or order that the load's earlier operation `index` was acknowledged with. */
  readonly refersTo?: { readonly index: number; readonly field: ReferenceField };
}

export interface Workload {
  readonly funding: readonly PlannedOperation[];
  readonly load: readonly PlannedOperation[];
}

/**
 * Quantity ranges, in 1e-8 units, that keep an order between about 1 and 250 USD at the default
 * prices: above the 0.01 USD minimum, and small enough that most buys are affordable while
 * withdrawals and earlier buys still drive some into INSUFFICIENT_FUNDS. Odd quantities make totals
 * round, which is where a cent goes missing if it ever does.
 */
const QUANTITY_RANGES: ReadonlyArray<readonly [string, bigint, bigint]> = [
  ['BTC', 2_000n, 500_000n],
  ['ETH', 30_000n, 8_000_000n],
  ['SOL', 700_000n, 160_000_000n],
];

const CASH_MIX: ReadonlyArray<readonly [OperationKind, number]> = [
  ['deposit', 0.5],
  ['withdraw', 0.5],
];
const FULL_MIX: ReadonlyArray<readonly [OperationKind, number]> = [
  ['deposit', 0.2],
  ['withdraw', 0.2],
  ['buy', 0.3],
  ['sell', 0.3],
];

function pickKind(random: Random, mix: ReadonlyArray<readonly [OperationKind, number]>): OperationKind {
  let roll = random.next();
  for (const [kind, weight] of mix) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return mix[mix.length - 1]?.[0] ?? 'deposit';
}

const cents = (random: Random, min: number, max: number): string =>
  formatMinor(BigInt(random.int(min, max)), 2);

function bodyOf(kind: OperationKind, random: Random): Record<string, string> {
  switch (kind) {
    case 'fund':
      return { amount: cents(random, 200_000, 1_000_000) };
    case 'deposit':
      return { amount: cents(random, 1, 50_000) };
    case 'withdraw':
      return { amount: cents(random, 1, 80_000) };
    case 'buy':
    case 'sell': {
      const [asset, min, max] = random.pick(QUANTITY_RANGES);
      // Sells ask for less, so that what buys brought in is often enough to cover them.
      const quantity = random.bigint(min, kind === 'sell' ? max / 2n : max);
      return { asset, quantity: formatMinor(quantity, 8) };
    }
    default:
      throw new Error(`No plain body for a ${kind}`);
  }
}

/**
 * The whole workload from the seed: every user funded once, then `ops` random operations on random
 * users. Each operation draws from its own sub-stream, so the plan does not depend on timing.
 */
export function planWorkload(seed: number, users: number, ops: number, withOrders: boolean): Workload {
  const funding = Array.from({ length: users }, (_, userIndex): PlannedOperation => {
    const random = seededRandom(deriveSeed(seed, 1, userIndex));
    return { kind: 'fund', userIndex, body: bodyOf('fund', random) };
  });
  const mix = withOrders ? FULL_MIX : CASH_MIX;
  const load = Array.from({ length: ops }, (_, index): PlannedOperation => {
    const random = seededRandom(deriveSeed(seed, 2, index));
    const kind = pickKind(random, mix);
    return { kind, userIndex: random.int(0, users - 1), body: bodyOf(kind, random) };
  });
  return { funding, load };
}
