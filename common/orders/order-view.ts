import { CASH, formatAmount, formatPrice } from '../money/amounts';
import type { Order } from './order';

/** The contract's Order shape; every decimal at the full scale of its asset. */
export interface OrderView {
  readonly orderId: string;
  readonly side: Order['side'];
  readonly asset: string;
  readonly quantity: string;
  readonly price: string;
  readonly total: string;
  readonly status: Order['status'];
  readonly failureReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function orderView(order: Order): OrderView {
  return {
    orderId: order.orderId,
    side: order.side,
    asset: order.asset,
    quantity: formatAmount(order.asset, order.quantity),
    price: formatPrice(order.price),
    total: formatAmount(CASH, order.total),
    status: order.status,
    ...(order.failureReason === undefined ? {} : { failureReason: order.failureReason }),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
