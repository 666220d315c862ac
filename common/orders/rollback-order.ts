import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { balanceView } from '../accounts/views';
import { LeaseLostError } from '../errors';
import { idempotencyRecordPut } from '../idempotency/idempotency-record';
import { onFreshBalance } from '../lease/stale-balance';
import { acquireUserLock, type Lease, releaseUserLock } from '../lease/user-lock';
import { ItemConditionFailed, writeUnderLease } from '../lease/write-under-lease';
import { recordRollback } from '../observability/metrics';
import { committedAnswer } from './commit-order';
import type { OrderFlow } from './execution-input';
import type { Order } from './order';
import { voidReservation } from './order-settlement';
import { newOrderPut, readOrder, resolveOrderUpdate } from './order-store';
import { orderView } from './order-view';
import {
  completedOrderOutput,
  failedOrderOutput,
  type RollbackOutput,
  rejectedOrderOutput,
} from './rollback-output';
import type { TaskFailure } from './task-failure';

/** Long enough to outwait a deposit or withdrawal, short enough to leave Rollback's Retry room. */
const RECOVERY_WAIT_MS = 2_000;
/** Each round either settles or learns something new (fresh balance, new lease, moved order). */
const MAX_ROUNDS = 4;

/**
 * Void: whatever the failed step left, the order ends FAILED with its hold returned and the lock
 * released, in one fenced transaction, under the flow's own lease while it holds, else under a brief
 * 'recovery' lease. What it finds decides what it does:
 * - PENDING: void the hold, mark FAILED;
 * - absent (reserve never wrote): create the order as FAILED, so the caller gets a FAILED order;
 * - FAILED: nothing to do (a re-run, or the reaper was first);
 * - COMPLETED: the commit landed and only its answer was lost; report it, change nothing.
 * A business failure of a keyed request records its rejection in the same transaction.
 */
export async function rollbackOrder(
  flow: OrderFlow,
  reserved: BalanceState | undefined,
  failure: TaskFailure,
  log: Logger,
): Promise<RollbackOutput> {
  const { userId, orderId } = flow.order;
  const step = `rollback ${orderId} ${randomUUID()}`;
  let lease: Lease = flow.lease;
  let recoveryLease: Lease | undefined;
  let settledUnder: Lease | undefined;
  let before: BalanceState | undefined = reserved;
  let recordRejection = failure.business && flow.idempotency !== undefined;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const stored = await readOrder(userId, orderId);
      if (stored?.status === 'COMPLETED') {
        log.warn('rollback found the order committed', { orderId });
        // Without reserve's result the exact answer cannot be rebuilt; the balance as it is now will do.
        return completedOrderOutput(
          reserved
            ? committedAnswer(stored, reserved)
            : { order: orderView(stored), balance: balanceView(await readBalance(userId)) },
        );
      }
      if (stored?.status === 'FAILED') return reportFailure(stored, failure);

      const failed: Order = {
        ...(stored ?? flow.order),
        status: 'FAILED',
        failureReason: failure.reason,
        updatedAt: new Date().toISOString(),
      };
      // Without reserve's output the flow's balance predates the hold; only the store knows the state.
      const current: BalanceState = before ?? (stored ? await readBalance(userId) : flow.balance);
      const record =
        recordRejection && flow.idempotency
          ? idempotencyRecordPut(userId, flow.idempotency, {
              status: 'rejected',
              code: failure.code,
              message: failure.message,
              requestId: flow.requestId,
              order: { ...orderView(failed) },
            })
          : undefined;
      let judged = current;
      try {
        await onFreshBalance(userId, current, (state) => {
          judged = state;
          return writeUnderLease({
            lease,
            before: state,
            after: stored ? voidReservation(state, stored) : undefined,
            items: {
              order: stored
                ? resolveOrderUpdate(stored, 'FAILED', failed.updatedAt, failure.reason)
                : newOrderPut(failed),
              record,
            },
            release: true,
            step,
          });
        });
        settledUnder = lease;
        log.info('order rolled back', { orderId, reason: failure.reason, recovery: lease === recoveryLease });
        recordRollback(failure.business ? 'business' : 'technical');
        return reportFailure(failed, failure);
      } catch (error) {
        if (error instanceof LeaseLostError && !recoveryLease) {
          recoveryLease = await acquireUserLock(userId, 'recovery', { waitBudgetMs: RECOVERY_WAIT_MS });
          lease = recoveryLease;
          before = recoveryLease.snapshot;
        } else if (error instanceof ItemConditionFailed && error.failed('order')) {
          before = judged;
        } else if (error instanceof ItemConditionFailed && error.failed('record')) {
          // The key already has a live outcome (a later request with it won); ours is not needed.
          recordRejection = false;
          before = judged;
        } else {
          throw error;
        }
      }
    }
    throw new Error(`Rollback of order ${orderId} did not settle in ${MAX_ROUNDS} rounds`);
  } finally {
    if (recoveryLease && settledUnder !== recoveryLease) await releaseUserLock(recoveryLease);
  }
}

function reportFailure(order: Order, failure: TaskFailure): RollbackOutput {
  const view = orderView(order);
  if (failure.business) return rejectedOrderOutput(failure.code, failure.message, view);
  return failedOrderOutput(failure.code, technicalMessage(failure), view);
}

function technicalMessage(failure: TaskFailure): string {
  return failure.code === 'INTERNAL'
    ? 'Internal error; the order failed and anything it reserved was released. Quote the requestId if it persists.'
    : 'The order could not be completed and was rolled back; nothing was changed. Retry after the time in Retry-After.';
}
