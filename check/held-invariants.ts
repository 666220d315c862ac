import { CASH, expectedTradeTotal, formatMinor, scaleOf } from './amounts';
import { type InvariantResult, Tally } from './invariant';
import { assetsOf, type UserView } from './user-view';

const show = (asset: string, minor: bigint): string => `${formatMinor(minor, scaleOf(asset))} ${asset}`;

/**
 * What a user's balance must hold once nothing is in flight, per asset: the PENDING holds the user
 * placed, and the funds of the user's OPEN limit orders (a BUY's quantity × limit rounded up to the
 * cent, a SELL's quantity).
 */
export function expectedHeld(view: UserView): Map<string, bigint> {
  const held = new Map<string, bigint>();
  const add = (asset: string, amount: bigint): void => {
    held.set(asset, (held.get(asset) ?? 0n) + amount);
  };
  for (const hold of view.holds ?? []) {
    if (hold.from === view.userId && hold.status === 'PENDING') add(CASH, hold.amount);
  }
  for (const order of view.orders ?? []) {
    if (order.status !== 'OPEN' || order.limitPrice === undefined) continue;
    if (order.side === 'BUY') add(CASH, expectedTradeTotal('BUY', order.quantity, order.limitPrice));
    else add(order.asset, order.quantity);
  }
  return held;
}

/** Held is exactly what PENDING holds and OPEN orders reserve: zero when there are none. */
export function checkHeld(views: readonly UserView[]): InvariantResult {
  const tally = new Tally();
  for (const view of views) {
    if (!view.holdings) continue;
    const expected = expectedHeld(view);
    for (const asset of assetsOf(expected.keys(), view.holdings.keys())) {
      const held = view.holdings.get(asset)?.held ?? 0n;
      const wanted = expected.get(asset) ?? 0n;
      tally.check(held === wanted, () => ({
        userId: view.userId,
        message: `${asset}: held is ${show(asset, held)} after quiescence, its PENDING holds and OPEN orders reserve ${show(asset, wanted)}`,
      }));
    }
  }
  return tally.result(
    'held',
    'held equals what PENDING holds and OPEN orders reserve, exactly (zero without them)',
  );
}
