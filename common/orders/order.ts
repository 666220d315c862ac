import { CASH } from '../money/amounts';
import type { Side } from '../money/trade-total';

/**
 * PENDING, COMPLETED and FAILED are a market order's two-phase flow; a limit order that does not
 * fill at once rests OPEN with its funds on a hold, and leaves OPEN exactly once: COMPLETED (filled),
 * CANCELLED or EXPIRED.
 */
export const ORDER_STATUSES = ['PENDING', 'OPEN', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderType = 'MARKET' | 'LIMIT';

/** What a LIMIT order adds: the worst price it accepts, and while it rests, its hold and expiry. */
export interface LimitTerms {
  /** Cents per unit: a BUY pays at most this, a SELL receives at least this. */
  readonly limitPrice: bigint;
  /** ISO-8601 UTC; from this instant on the order can no longer fill. */
  readonly expiresAt?: string;
  /** The hold that carries a resting order's funds. */
  readonly holdId?: string;
}

/** An order in minor units: quantity at the asset's 8 places, price and total in cents. */
export interface Order {
  readonly orderId: string;
  readonly userId: string;
  readonly side: Side;
  readonly asset: string;
  readonly quantity: bigint;
  readonly price: bigint;
  readonly total: bigint;
  readonly status: OrderStatus;
  readonly failureReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The fence of the lease the order was placed under, for tracing a stale holder. */
  readonly lockFence: number;
  /** Absent on a MARKET order. */
  readonly limit?: LimitTerms;
}

export interface Reservation {
  readonly asset: string;
  readonly amount: bigint;
}

/** What reserve moves from available to held: the cash a buy pays, or the asset a sell gives. */
export function reservationOf(order: Pick<Order, 'side' | 'asset' | 'quantity' | 'total'>): Reservation {
  return order.side === 'BUY'
    ? { asset: CASH, amount: order.total }
    : { asset: order.asset, amount: order.quantity };
}

/** What commit credits: the asset a buy receives, or the proceeds a sell receives. */
export function proceedsOf(order: Pick<Order, 'side' | 'asset' | 'quantity' | 'total'>): Reservation {
  return order.side === 'BUY'
    ? { asset: order.asset, amount: order.quantity }
    : { asset: CASH, amount: order.total };
}
