import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { BalanceState } from '../accounts/balance-state';
import { balanceView } from '../accounts/views';
import { LeaseLostError } from '../errors';
import { idempotencyRecordPut } from '../idempotency/idempotency-record';
import { onFreshBalance } from '../lease/stale-balance';
import { ItemConditionFailed, writeUnderLease } from '../lease/write-under-lease';
import { ledgerEntryPut } from '../ledger/ledger-entry';
import type { CompletedOrder } from './completed-order';
import type { OrderFlow } from './execution-input';
import type { Order } from './order';
import { settleOrder } from './order-settlement';
import { readOrder, resolveOrderUpdate } from './order-store';
import { orderView } from './order-view';

/**
 * Phase two (post), in one fenced transaction that also releases the lock: the order becomes
 * COMPLETED, the hold is spent, the other side credited, both ledger entries appended, and a keyed
 * request's outcome recorded. The fence is what stops a stale holder: once its lease has expired
 * and someone else took the lock, this write fails as LeaseLostError and the flow rolls back.
 *
 * Idempotent on the order id: a re-run fails the fence (the first run released the lock) or the
 * order's PENDING condition, reads the order, and if it is COMPLETED answers as the first run did.
 */
export async function commitOrder(
  flow: OrderFlow,
  reserved: BalanceState,
  log: Logger,
): Promise<CompletedOrder> {
  const { order, lease, idempotency } = flow;
  const step = `commit ${order.orderId} ${randomUUID()}`;
  try {
    return await onFreshBalance(order.userId, reserved, async (before) => {
      const updatedAt = new Date().toISOString();
      const { after, entries } = settleOrder(before, order, updatedAt);
      const result: CompletedOrder = {
        order: orderView({ ...order, status: 'COMPLETED', updatedAt }),
        balance: balanceView(after),
      };
      const record = idempotency
        ? idempotencyRecordPut(order.userId, idempotency, { status: 'completed', result: { ...result } })
        : undefined;
      await writeUnderLease({
        lease,
        before,
        after,
        items: {
          order: resolveOrderUpdate(order, 'COMPLETED', updatedAt),
          record,
          ledger: entries.map((entry) => ledgerEntryPut(order.userId, entry)),
        },
        release: true,
        step,
      });
      log.info('order committed', { orderId: order.orderId, fence: lease.fence });
      return result;
    });
  } catch (error) {
    if (error instanceof LeaseLostError || error instanceof ItemConditionFailed) {
      const earlier = await committedEarlier(flow, reserved);
      if (earlier) {
        log.info('order already committed', { orderId: order.orderId });
        return earlier;
      }
    }
    throw error;
  }
}

async function committedEarlier(
  flow: OrderFlow,
  reserved: BalanceState,
): Promise<CompletedOrder | undefined> {
  const stored = await readOrder(flow.order.userId, flow.order.orderId);
  return stored?.status === 'COMPLETED' ? committedAnswer(stored, reserved) : undefined;
}

/**
 * Commit's answer for an order it already completed, rebuilt from the stored order and the state
 * reserve handed it: the same `{order, balance}` the first run returned and a keyed request stored.
 */
export function committedAnswer(stored: Order, reserved: BalanceState): CompletedOrder {
  return {
    order: orderView(stored),
    balance: balanceView(settleOrder(reserved, stored, stored.updatedAt).after),
  };
}
