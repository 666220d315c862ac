import { balanceView } from '../accounts/views';
import { NotFoundError, OrderNotOpenError } from '../errors';
import { releaseFunds, resolvedHold } from '../holds/hold-settlement';
import { readHold, resolveHoldWrites } from '../holds/hold-store';
import {
  findLiveIdempotencyRecord,
  type IdempotencyRequest,
  idempotencyRecordPut,
  replayOf,
} from '../idempotency/idempotency-record';
import { runRequestUnderLease } from '../lease/run-under-lease';
import { ItemConditionFailed } from '../lease/write-under-lease';
import type { Order } from '../orders/order';
import { orderFromItem, readOrder } from '../orders/order-store';
import { orderView } from '../orders/order-view';
import type { Executed, Outcome } from '../outcomes/outcome';
import { isPastExpiry } from './limit-order';
import { closeOpenOrderUpdate } from './open-order-store';

export interface CancelOrderCommand {
  readonly userId: string;
  readonly orderId: string;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

function assertOpen(order: Order): void {
  if (order.status !== 'OPEN') throw new OrderNotOpenError(order.status);
  if (isPastExpiry(order)) throw new OrderNotOpenError('EXPIRED');
}

/** The 409 an order closed first earns, from a refusal met before or during the write. */
function conflictOf(error: unknown): OrderNotOpenError | undefined {
  if (error instanceof OrderNotOpenError) return error;
  if (!(error instanceof ItemConditionFailed)) return undefined;
  const stored = error.failed('order')?.item;
  if (stored) {
    try {
      assertOpen(orderFromItem(stored));
    } catch (conflict) {
      return conflictOf(conflict);
    }
  }
  return error.failed('hold') ? new OrderNotOpenError('no longer OPEN') : undefined;
}

/**
 * OPEN → CANCELLED under the user's lease, in one transaction that also voids the order's hold (its
 * funds back to available). The conditions are a fill's and an expiry's (OPEN and unexpired, the hold
 * PENDING and unexpired), so of a cancel and a fill racing, exactly one lands. An order met closed
 * answers 409 ORDER_NOT_OPEN, unless this very request closed it: then the replay.
 */
export async function cancelOrder(command: CancelOrderCommand): Promise<Executed> {
  const { userId, orderId, idempotency } = command;
  const listed = await readOrder(userId, orderId);
  if (!listed) throw new NotFoundError('There is no order with that id on this account.');
  try {
    assertOpen(listed);
    return await runRequestUnderLease(userId, 'order', idempotency, async ({ before, write }) => {
      const holdId = listed.limit?.holdId;
      const [order, hold] = await Promise.all([
        readOrder(userId, orderId),
        holdId ? readHold(holdId) : undefined,
      ]);
      if (!order) throw new NotFoundError('There is no order with that id on this account.');
      assertOpen(order);
      if (hold?.status !== 'PENDING') throw new OrderNotOpenError('no longer OPEN');
      const at = new Date();
      const cancelled: Order = { ...order, status: 'CANCELLED', updatedAt: at.toISOString() };
      const after = releaseFunds(before, hold);
      const outcome: Outcome = {
        status: 'completed',
        result: { order: orderView(cancelled), balance: balanceView(after) },
      };
      await write({
        after,
        items: {
          order: closeOpenOrderUpdate(cancelled, 'CANCELLED', 'unexpired'),
          hold: resolveHoldWrites(resolvedHold(hold, 'VOIDED', 0n, at), 'unexpired'),
          record: idempotency ? idempotencyRecordPut(userId, idempotency, outcome) : undefined,
        },
        release: true,
        step: `cancel ${orderId}`,
      });
      return { outcome, replayed: false };
    });
  } catch (error) {
    const conflict = conflictOf(error);
    if (!conflict) throw error;
    const record = idempotency && (await findLiveIdempotencyRecord(userId, idempotency.key));
    if (record && idempotency) return replayOf(record, idempotency);
    throw conflict;
  }
}
