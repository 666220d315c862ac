import { CASH } from '../money/amounts';
import type { Side } from '../money/trade-total';

export type OrderStatus = 'PENDING' | 'COMPLETED' | 'FAILED';

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
