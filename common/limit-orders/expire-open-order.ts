import type { Hold } from '../holds/hold';
import { readOrder } from '../orders/order-store';
import type { TransactItem } from '../storage/transact';
import { closeOpenOrderUpdate } from './open-order-store';

/**
 * A resting order's hold expires with the order: the reaper that expires the hold marks the order
 * EXPIRED in the same transaction (condition: still OPEN and past its expiry). Undefined for a hold
 * that serves no order.
 */
export async function expiredOrderUpdate(hold: Hold): Promise<TransactItem | undefined> {
  if (!('orderId' in hold.purpose)) return undefined;
  const order = await readOrder(hold.userId, hold.purpose.orderId);
  if (!order) return undefined;
  return closeOpenOrderUpdate({ ...order, updatedAt: new Date().toISOString() }, 'EXPIRED', 'expired');
}
