import type { Random } from '../local/faults/seeded-random';
import { formatMinor } from './amounts';
import { type Mix, pickKind, plainBody } from './plan-draws';
import type { LoadPlanner, PlannedOperation } from './workload';

/** The contract's default listing, in cents: prices move around these, never far. */
const BASE_PRICES: ReadonlyArray<readonly [string, number]> = [
  ['BTC', 5_000_000],
  ['ETH', 300_000],
  ['SOL', 15_000],
];
/** Price changes land within ±8 % of the base, limits within ±6 %: limits are crossed both ways. */
const PRICE_SPREAD = 0.08;
const LIMIT_SPREAD = 0.06;
/** Cancels act on one of the latest limit orders, so many still rest when the cancel comes. */
const RECENT_LIMITS = 15;
const SECOND_CANCEL = 0.1;

const TRADING_MIX: Mix = [
  ['deposit', 0.14],
  ['withdraw', 0.12],
  ['buy', 0.28],
  ['sell', 0.28],
  ['cancel', 0.08],
  ['price', 0.1],
];
/** Of the buys and sells, the share that are limit orders. */
const LIMIT_SHARE = 0.45;

const around = (random: Random, base: number, spread: number): string =>
  formatMinor(BigInt(Math.round(base * (1 + (random.next() * 2 - 1) * spread))), 2);

/** A limit order rests for a few seconds (the reaper expires it) or for a day. */
const limitExpiry = (random: Random): Record<string, number> =>
  random.chance(0.25)
    ? { expiresInSeconds: random.int(3, 20) }
    : random.chance(0.5)
      ? { expiresInSeconds: 86_400 }
      : {};

/**
 * The default workload: deposits, withdrawals, market and limit buys and sells (a limit met by the
 * listed price fills at once, one that is not rests OPEN with its funds held), cancels of recent limit
 * orders, and, when an admin token is at hand, price changes of the traded assets by the admin.
 */
export function planTrading(users: number, priceChanges: boolean): LoadPlanner {
  const limits: number[] = [];
  const aimedAt = new Set<number>();
  const cancelOf = (random: Random): PlannedOperation | undefined => {
    const recent = limits.slice(-RECENT_LIMITS);
    const fresh = recent.filter((index) => !aimedAt.has(index));
    const pool = fresh.length > 0 && !random.chance(SECOND_CANCEL) ? fresh : recent;
    if (pool.length === 0) return undefined;
    const index = random.pick(pool);
    aimedAt.add(index);
    return { kind: 'cancel', userIndex: userOf(index), body: {}, refersTo: { index, field: 'orderId' } };
  };
  const owners = new Map<number, number>();
  const userOf = (index: number): number => owners.get(index) ?? 0;
  return (random, index) => {
    let kind = pickKind(random, TRADING_MIX);
    const userIndex = random.int(0, users - 1);
    if (kind === 'cancel') {
      const cancel = cancelOf(random);
      if (cancel) return cancel;
      kind = 'buy';
    }
    if (kind === 'price') {
      const [asset, base] = random.pick(BASE_PRICES);
      if (priceChanges) {
        return {
          kind,
          userIndex: 0,
          admin: true,
          pathId: asset,
          body: { price: around(random, base, PRICE_SPREAD) },
        };
      }
      kind = 'sell';
    }
    const body = plainBody(kind, random);
    if ((kind !== 'buy' && kind !== 'sell') || !random.chance(LIMIT_SHARE)) return { kind, userIndex, body };
    const base = BASE_PRICES.find(([asset]) => asset === body.asset)?.[1] ?? 0;
    limits.push(index);
    owners.set(index, userIndex);
    return {
      kind,
      userIndex,
      body: {
        ...body,
        type: 'LIMIT',
        limitPrice: around(random, base, LIMIT_SPREAD),
        ...limitExpiry(random),
      },
    };
  };
}
