import { balanceFromItem } from '../accounts/balance-store';
import { assetItemToPrice } from '../assets/asset-catalog';
import { UnknownAssetError } from '../errors';
import { type IdempotencyRequest, idempotencyRecordPut, replayOf } from '../idempotency/idempotency-record';
import { ulid } from '../ids/ulid';
import { acquireForRequest } from '../lease/acquire-for-request';
import { contendedRepeatedly, releaseUserLock } from '../lease/user-lock';
import { writeUnderLease } from '../lease/write-under-lease';
import { CASH } from '../money/amounts';
import { type Side, tradeTotal } from '../money/trade-total';
import type { Executed, Outcome } from '../outcomes/outcome';
import { PARK_AFTER_CONTENTIONS } from '../parking/park-after-contentions';
import { type OrderFlow, toExecutionInput } from './execution-input';
import { refuseBelowMinimumTotal } from './minimum-total';
import type { Order } from './order';
import { orderOutcome } from './order-outcome';
import { readOrderPrerequisites } from './order-prerequisites';
import { placeOrderWhileLockBusy } from './place-order-while-lock-busy';
import { stepFunctionsWorkflow } from './step-functions-workflow';
import { WorkflowNotStartedError } from './workflow-not-started';
import { type OrderWorkflow, registeredOrderWorkflow } from './workflow-port';

let awsWorkflow: OrderWorkflow | undefined;

/** The local server registers its in-process runner; in AWS it is Step Functions. */
function orderWorkflow(): OrderWorkflow {
  const registered = registeredOrderWorkflow();
  if (registered) return registered;
  awsWorkflow ??= stepFunctionsWorkflow();
  return awsWorkflow;
}

export interface OrderCommand {
  readonly userId: string;
  readonly side: Side;
  /** A well-formed symbol; whether it is listed is decided under the lock. */
  readonly asset: string;
  /** 8-dp minor units, already validated. */
  readonly quantity: bigint;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

/**
 * A buy or a sell. A user whose lock this process keeps finding busy is not queued for: a listed
 * asset's order is parked at the lock and applied by its next holder (ADR 0015). Otherwise, takes the user lock (the order lease), reads the price, a keyed request's record and, if needed, the balance in one round trip, then hands the lock
 * to the order workflow and waits for it. From that hand-over on, only the workflow (or the reaper)
 * releases the lock: the handler cannot know how far a failed execution got.
 */
export async function placeOrder(command: OrderCommand): Promise<Executed> {
  const { userId, side, asset: symbol, quantity, requestId, idempotency } = command;
  if (contendedRepeatedly(userId, PARK_AFTER_CONTENTIONS)) {
    const parked = await placeOrderWhileLockBusy(command);
    if (parked) return parked;
  }
  const acquired = await acquireForRequest(userId, 'order', idempotency);
  if ('replayed' in acquired) return acquired.replayed;
  const { lease } = acquired;
  let handedOver = false;
  try {
    const reads = await readOrderPrerequisites({
      userId,
      symbol,
      idempotencyKey: idempotency?.key,
      withBalance: lease.snapshot === undefined,
    });
    if (idempotency && reads.record) return replayOf(reads.record, idempotency);
    const balance = lease.snapshot ?? balanceFromItem(reads.balance);

    // Cash is not an asset one can trade for cash, whatever an admin listed.
    if (!reads.asset || symbol === CASH) {
      const rejection = new UnknownAssetError(symbol);
      const outcome: Outcome = {
        status: 'rejected',
        code: rejection.code,
        message: rejection.message,
        requestId,
      };
      if (idempotency) {
        await writeUnderLease({
          lease,
          before: balance,
          items: { record: idempotencyRecordPut(userId, idempotency, outcome) },
          release: true,
          step: 'order refused: unknown asset',
        });
        handedOver = true;
      }
      return { outcome, replayed: false };
    }

    const price = assetItemToPrice(reads.asset, symbol);
    refuseBelowMinimumTotal(quantity, price);
    const createdAt = new Date().toISOString();
    const order: Order = {
      orderId: ulid(),
      userId,
      side,
      asset: symbol,
      quantity,
      price,
      total: tradeTotal(side, quantity, price),
      status: 'PENDING',
      createdAt,
      updatedAt: createdAt,
      lockFence: lease.fence,
    };
    const flow: OrderFlow = { order, lease, balance, requestId, idempotency };
    handedOver = true;
    try {
      const outcome = await orderWorkflow().startAndWait(order.orderId, toExecutionInput(flow));
      return await orderOutcome(outcome, flow);
    } catch (error) {
      if (error instanceof WorkflowNotStartedError) handedOver = false;
      throw error;
    }
  } finally {
    if (!handedOver) await releaseUserLock(lease);
  }
}
