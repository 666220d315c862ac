import { parseMinor } from './amounts';
import type { FinalUserState } from './final-state';
import { fieldOf, stringAt } from './history';
import type { HoldRow, OrderRow } from './parse-state';
import { viewOf } from './user-view';

/** Listed price per asset, in cents, from GET /assets as it answered. */
export function listedPrices(listedAssets: unknown): Map<string, bigint> {
  const prices = new Map<string, bigint>();
  const items = fieldOf(listedAssets, 'items');
  for (const item of Array.isArray(items) ? items : []) {
    const asset = stringAt(item, 'asset');
    const price = parseMinor(fieldOf(item, 'price'), 2);
    if (asset !== undefined && price !== undefined) prices.set(asset, price);
  }
  return prices;
}

/** A BUY's limit at or above the price, a SELL's at or below: the price meets it. */
export const meetsLimit = (side: string, limit: bigint, price: bigint): boolean =>
  side === 'BUY' ? limit >= price : limit <= price;

/**
 * Why an order is still in flight when the state was read at `readAt`, or undefined: PENDING (a
 * market order running, or left by a crash for the reaper), OPEN past its expiry (the reaper has yet
 * to expire it), or OPEN while the listed price meets its limit (a fill pass has yet to fill it).
 */
export function orderInFlight(
  order: OrderRow,
  readAt: number,
  prices: ReadonlyMap<string, bigint>,
): string | undefined {
  if (order.status === 'PENDING') return 'is PENDING';
  if (order.status !== 'OPEN') return undefined;
  if (order.expiresAt === undefined) return 'is OPEN without an expiresAt';
  if (order.expiresAt <= readAt) {
    return `is OPEN ${((readAt - order.expiresAt) / 1000).toFixed(1)} s past its expiresAt`;
  }
  const price = prices.get(order.asset);
  if (
    order.limitPrice !== undefined &&
    price !== undefined &&
    meetsLimit(order.side, order.limitPrice, price)
  ) {
    return `is OPEN, but the listed price ${price} cents meets its limit ${order.limitPrice} cents`;
  }
  return undefined;
}

/** Why a hold is still in flight at `readAt`: PENDING past its expiry, which the reaper has yet to release. */
export function holdInFlight(hold: HoldRow, readAt: number): string | undefined {
  if (hold.status !== 'PENDING' || hold.expiresAt > readAt) return undefined;
  return `is PENDING ${((readAt - hold.expiresAt) / 1000).toFixed(1)} s past its expiresAt`;
}

/** Whether anything of this user, as read, is still for the reaper or a fill pass to finish. */
export function stillInFlight(state: FinalUserState, listedAssets: unknown): boolean {
  const view = viewOf(state);
  const prices = listedPrices(listedAssets);
  return (
    (view.orders ?? []).some((order) => orderInFlight(order, view.readAt, prices) !== undefined) ||
    (view.holds ?? []).some(
      (hold) => hold.from === view.userId && holdInFlight(hold, view.readAt) !== undefined,
    )
  );
}
