import { ItemConditionFailed } from '../lease/write-under-lease';
import { logger } from '../observability/logger';
import { recordReaperResolution } from '../observability/metrics';
import { type ReapReport, type ReapResult, reapExpired, underRecoveryLease } from '../reaper/reap-expired';
import { PENDING_PK } from '../storage/keys';
import type { Order } from './order';
import { voidReservation } from './order-settlement';
import { orderFromItem, readOrder, resolveOrderUpdate } from './order-store';

export type { ReapReport } from '../reaper/reap-expired';

export const EXPIRED_REASON = 'expired';

/**
 * Crash recovery: an order still PENDING after its flow's lease expired can never be committed (the
 * fence refuses a holder past its lease), so it is failed as "expired" and its hold returned. Found
 * by querying the sparse `pending-orders` index for lease expiries before now, never by a scan.
 */
export async function reapExpiredOrders(): Promise<ReapReport> {
  const report = await reapExpired({
    pendingPk: PENDING_PK,
    noun: 'order',
    fromItem: orderFromItem,
    describe: (order) => ({ orderId: order.orderId, userId: order.userId }),
    reap: reapOrder,
  });
  if (report.expired > 0) recordReaperResolution(report.expired);
  return report;
}

/**
 * Under a brief 'recovery' lease: void the hold, mark the order FAILED and release, in one fenced
 * transaction. The order's PENDING condition in that transaction is what decides, not the index.
 */
function reapOrder(listed: Order): Promise<ReapResult> {
  return underRecoveryLease(listed.userId, async ({ before, write }) => {
    const order = await readOrder(listed.userId, listed.orderId);
    if (order?.status !== 'PENDING') return 'alreadyResolved';
    try {
      await write({
        after: voidReservation(before, order),
        items: { order: resolveOrderUpdate(order, 'FAILED', new Date().toISOString(), EXPIRED_REASON) },
        release: true,
        step: `reap ${order.orderId}`,
      });
    } catch (error) {
      if (error instanceof ItemConditionFailed) return 'alreadyResolved';
      throw error;
    }
    logger.info('order expired', { orderId: order.orderId, userId: order.userId });
    return 'expired';
  });
}
