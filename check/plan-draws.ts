import type { Random } from '../local/faults/seeded-random';
import { formatMinor } from './amounts';
import type { OperationKind } from './history';

/** Kinds of operation and their shares of the load. */
export type Mix = ReadonlyArray<readonly [OperationKind, number]>;

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

export const CASH_MIX: Mix = [
  ['deposit', 0.5],
  ['withdraw', 0.5],
];

export function pickKind(random: Random, mix: Mix): OperationKind {
  let roll = random.next();
  for (const [kind, weight] of mix) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return mix[mix.length - 1]?.[0] ?? 'deposit';
}

export const usd = (cents: number): string => formatMinor(BigInt(cents), 2);

export const cents = (random: Random, min: number, max: number): string => usd(random.int(min, max));

/** A body for the kinds that need nothing from the rest of the plan. */
export function plainBody(kind: OperationKind, random: Random): Record<string, string> {
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
      throw new Error(`A ${kind} needs the plan around it`);
  }
}
