import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { BalanceState } from '../accounts/balance-state';
import { DomainError } from '../errors';
import { onFreshBalance } from '../lease/stale-balance';
import { ItemConditionFailed, writeUnderLease } from '../lease/write-under-lease';
import { type OrderFlow, type SerializedBalance, serializeBalance } from './execution-input';
import { reserveFunds } from './order-settlement';
import { newOrderPut, orderAbsentCheck, orderFromItem } from './order-store';

/** Reserve's output, at `$.reserved`: the balance as reserve left it, which commit changes next. */
export interface ReserveResult {
  readonly balance: SerializedBalance;
}

/**
 * Phase one, in one fenced transaction: the order appears as PENDING and the funds it pays move from
 * available to held. Too little available fails as the business error (InsufficientFundsError or
 * InsufficientAssetError, whose name Step Functions reports), but only after a check-only write has
 * proved the balance it judged is the stored one.
 *
 * Idempotent on the order id: a re-run finds the balance moved (by its first run, since the flow
 * holds the lock), retries on the current state, and then finds the order already PENDING, which
 * means the first run reserved and the current state is the answer.
 */
export async function reserveOrder(flow: OrderFlow, log: Logger): Promise<ReserveResult> {
  const { order, lease } = flow;
  // A fresh token per invocation: a re-run must meet the conditions, not DynamoDB's token cache.
  const step = `reserve ${order.orderId} ${randomUUID()}`;
  return onFreshBalance(lease.userId, flow.balance, async (before: BalanceState) => {
    try {
      let after: BalanceState;
      try {
        after = reserveFunds(before, order);
      } catch (error) {
        if (!(error instanceof DomainError && error.business)) throw error;
        await writeUnderLease({
          lease,
          before,
          items: { order: orderAbsentCheck(order) },
          release: false,
          step,
        });
        log.info('order refused at reserve', { orderId: order.orderId, code: error.code });
        throw error;
      }
      const stored = await writeUnderLease({
        lease,
        before,
        after,
        items: { order: newOrderPut(order, lease.expiresAt) },
        release: false,
        step,
      });
      log.info('order reserved', { orderId: order.orderId, fence: lease.fence });
      return { balance: serializeBalance(stored) };
    } catch (error) {
      const existing = error instanceof ItemConditionFailed ? error.failed('order')?.item : undefined;
      if (existing && orderFromItem(existing).status === 'PENDING') {
        log.info('order already reserved', { orderId: order.orderId });
        return { balance: serializeBalance(before) };
      }
      throw error;
    }
  });
}
