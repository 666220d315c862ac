import { assetItemToPrice } from '../assets/asset-catalog';
import { replayOf } from '../idempotency/idempotency-record';
import { CASH } from '../money/amounts';
import type { Executed } from '../outcomes/outcome';
import { runWhileOwnLockBusy } from '../parking/run-while-own-lock-busy';
import { refuseBelowMinimumTotal } from './minimum-total';
import { readOrderPrerequisites } from './order-prerequisites';
import type { OrderCommand } from './place-order';

/**
 * A market order of a user whose lock stays busy, parked at the lock (ADR 0015) at the price
 * listed when it parks. The price and a keyed request's record are read first, in one round trip,
 * so a finished duplicate is replayed and an order worth too little refused before anything is
 * parked. Undefined for an asset that is not listed: the ordinary path refuses it and records that.
 */
export async function placeOrderWhileLockBusy(command: OrderCommand): Promise<Executed | undefined> {
  const { userId, side, asset: symbol, quantity, requestId, idempotency } = command;
  const reads = await readOrderPrerequisites({
    userId,
    symbol,
    idempotencyKey: idempotency?.key,
    withBalance: false,
  });
  if (idempotency && reads.record) return replayOf(reads.record, idempotency);
  if (!reads.asset || symbol === CASH) return undefined;
  const price = assetItemToPrice(reads.asset, symbol);
  refuseBelowMinimumTotal(quantity, price);
  return runWhileOwnLockBusy({
    userId,
    terms: { kind: 'order', side, asset: symbol, quantity, price },
    requestId,
    ...(idempotency ? { idempotency } : {}),
  });
}
