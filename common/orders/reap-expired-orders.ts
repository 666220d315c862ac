import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LockedError } from '../errors';
import { runUnderLease } from '../lease/run-under-lease';
import { acquireUserLock, type Lease } from '../lease/user-lock';
import { ItemConditionFailed } from '../lease/write-under-lease';
import { logger } from '../observability/logger';
import { recordReaperResolution } from '../observability/metrics';
import { documentClient, tableName } from '../storage/client';
import { PENDING_PK } from '../storage/keys';
import { tableSchema } from '../storage/table-schema';
import type { Order } from './order';
import { voidReservation } from './order-settlement';
import { orderFromItem, readOrder, resolveOrderUpdate } from './order-store';

export const EXPIRED_REASON = 'expired';

export interface ReapReport {
  /** PENDING orders whose lease had expired, as the index listed them. */
  readonly found: number;
  readonly expired: number;
  /** Committed or rolled back meanwhile; the index lags the table. */
  readonly alreadyResolved: number;
  /** The user's lock was busy; the next run tries again. */
  readonly skipped: number;
  readonly errors: number;
}

type ReapResult = 'expired' | 'alreadyResolved' | 'skipped';

const PAGE_SIZE = 50;
/** Bounds one run; whatever is left is the next run's. */
const MAX_ORDERS_PER_RUN = 500;

/**
 * Crash recovery: an order still PENDING after its flow's lease expired can never be committed (the
 * fence refuses a holder past its lease), so it is failed as "expired" and its hold returned. Found
 * by querying the sparse `pending-orders` index for lease expiries before now, never by a scan.
 */
export async function reapExpiredOrders(): Promise<ReapReport> {
  const counts = { found: 0, expired: 0, alreadyResolved: 0, skipped: 0, errors: 0 };
  for await (const order of expiredPendingOrders()) {
    counts.found++;
    try {
      counts[await reapOrder(order)]++;
    } catch (error) {
      counts.errors++;
      logger.error('could not reap order', {
        orderId: order.orderId,
        userId: order.userId,
        error: error as Error,
      });
    }
  }
  if (counts.found > 0) logger.info('reaped expired orders', counts);
  if (counts.expired > 0) recordReaperResolution(counts.expired);
  return counts;
}

async function* expiredPendingOrders(): AsyncGenerator<Order> {
  const index = tableSchema.pendingOrdersIndex;
  let startKey: Record<string, unknown> | undefined;
  let listed = 0;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pending AND #sk < :now',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pending': PENDING_PK, ':now': new Date().toISOString() },
        Limit: PAGE_SIZE,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (listed++ >= MAX_ORDERS_PER_RUN) return;
      yield orderFromItem(item);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * Under a brief 'recovery' lease: void the hold, mark the order FAILED and release, in one fenced
 * transaction. The order's PENDING condition in that transaction is what decides, not the index.
 */
async function reapOrder(listed: Order): Promise<ReapResult> {
  let lease: Lease;
  try {
    lease = await acquireUserLock(listed.userId, 'recovery', { waitBudgetMs: 0 });
  } catch (error) {
    if (error instanceof LockedError) return 'skipped';
    throw error;
  }
  return runUnderLease(lease, async ({ before, write }) => {
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
