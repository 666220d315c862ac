import type { Side } from '../money/trade-total';
import { tradeTotal } from '../money/trade-total';
import type { Order } from '../orders/order';
import { type Reservation, reservationOf } from '../orders/order';

/** `expiresInSeconds` of a limit order: one second to thirty days, thirty days when absent. */
export const LIMIT_ORDER_EXPIRY_SECONDS = { min: 1, max: 30 * 24 * 60 * 60 } as const;

/** A BUY fills at a price at or below its limit, a SELL at a price at or above it. */
export function isSatisfied(side: Side, limitPrice: bigint, price: bigint): boolean {
  return side === 'BUY' ? price <= limitPrice : price >= limitPrice;
}

/**
 * What a resting order holds: a BUY the most it can pay (quantity × limit, rounded up to the cent, so
 * any fill at or below the limit is covered), a SELL the quantity it gives.
 */
export function heldFor(order: Pick<Order, 'side' | 'asset' | 'quantity'>, limitPrice: bigint): Reservation {
  return reservationOf({ ...order, total: tradeTotal(order.side, order.quantity, limitPrice) });
}

/** The order as filled at `price`: its price and total are the trade's, never the limit's. */
export function filledAt(order: Order, price: bigint, at: string): Order {
  return {
    ...order,
    price,
    total: tradeTotal(order.side, order.quantity, price),
    status: 'COMPLETED',
    updatedAt: at,
  };
}

export const isPastExpiry = (order: Order, now: Date = new Date()): boolean =>
  order.limit?.expiresAt !== undefined && order.limit.expiresAt <= now.toISOString();
