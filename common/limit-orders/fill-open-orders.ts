import { voidHold } from '../accounts/balance-state';
import { listAssetItems } from '../assets/asset-catalog';
import { LockedError } from '../errors';
import { resolvedHold } from '../holds/hold-settlement';
import { readHold, resolveHoldWrites } from '../holds/hold-store';
import { runUnderLease } from '../lease/run-under-lease';
import { acquireUserLock } from '../lease/user-lock';
import { ItemConditionFailed } from '../lease/write-under-lease';
import { ledgerEntryPut } from '../ledger/ledger-entry';
import { CASH, formatPrice } from '../money/amounts';
import { logger } from '../observability/logger';
import { type Order, reservationOf } from '../orders/order';
import { settleOrder } from '../orders/order-settlement';
import { readOrder } from '../orders/order-store';
import { filledAt, isPastExpiry, isSatisfied } from './limit-order';
import { closeOpenOrderUpdate, listedPriceCheck, listOpenOrders, readListedPrice } from './open-order-store';

/**
 * - filled: this pass filled it;
 * - closed: it was cancelled, expired or filled meanwhile (its conditions refused);
 * - repriced: the listed price changed since the pass read it; that change runs a pass of its own;
 * - busy: its user's lock stayed taken through every round of the pass; the next pass (a price
 *   change, or the reaper's) fills it.
 */
export type FillResult = 'filled' | 'closed' | 'repriced' | 'busy';

export interface FillReport {
  readonly asset: string;
  /** The listed price the pass filled at, as listed; absent when the asset is not listed. */
  readonly price?: string;
  /** OPEN, unexpired orders the price satisfied when the pass began. */
  readonly satisfied: number;
  readonly filled: number;
  readonly closed: number;
  readonly busy: number;
  readonly errors: number;
  /** The pass stopped early because the price moved again. */
  readonly repriced: boolean;
}

/** Users filled at once; each user's fills are its own lock and transactions, so they never contend. */
const FILL_CONCURRENCY = 8;
/** A fill waits briefly for a busy user; those it misses get further rounds, each waiting longer. */
const FILL_LOCK_WAIT_MS = 1_000;
/** Three rounds, 1 s, 2 s and 4 s: a fair lock queue passes a busy account's whole queue within them. */
const BUSY_ROUND_WAIT_FACTORS = [1, 2, 4] as const;

/**
 * One pass over an asset's OPEN orders at its listed price: those the price satisfies fill at that
 * price, started oldest first, each under its user's lock in one fenced transaction that also checks
 * the price is still the listed one. Run on every price change (asynchronously; ADR 0011) and by the
 * reaper on its schedule, so an order a pass could not reach fills on a later one.
 */
export async function fillSatisfiedOrders(
  asset: string,
  lockWaitMs: number = FILL_LOCK_WAIT_MS,
): Promise<FillReport> {
  const price = await readListedPrice(asset);
  const counts = { filled: 0, closed: 0, busy: 0, errors: 0 };
  if (price === undefined) return { asset, satisfied: 0, ...counts, repriced: false };
  const now = new Date();
  const satisfied = (await listOpenOrders(asset)).filter(
    (order) =>
      order.limit && isSatisfied(order.side, order.limit.limitPrice, price) && !isPastExpiry(order, now),
  );
  // One queue per user, oldest first: a user's fills would only wait on each other's lock, and run
  // one after another they keep the age order a shared pool of workers could not promise.
  let waiting: ReadonlyArray<readonly Order[]> = ordersByUser(satisfied);
  let repriced = false;
  /** Fills a user's queue in order; what is left when the user's lock stayed taken waits for the next round. */
  const fillQueue = async (queue: readonly Order[], waitMs: number): Promise<readonly Order[]> => {
    for (const [index, order] of queue.entries()) {
      if (repriced) return [];
      try {
        const result = await fillOpenOrder(order, price, waitMs);
        if (result === 'repriced') repriced = true;
        else if (result === 'busy') return queue.slice(index);
        else counts[result]++;
      } catch (error) {
        counts.errors++;
        logger.error('could not fill order', {
          orderId: order.orderId,
          userId: order.userId,
          error: error as Error,
        });
      }
    }
    return [];
  };
  // The reaper's sweep (no wait) leaves a busy user to its next run; a price change's own pass does
  // not: in AWS that next run is a minute or more away, so it waits longer each round instead.
  const waits = lockWaitMs > 0 ? BUSY_ROUND_WAIT_FACTORS.map((factor) => factor * lockWaitMs) : [0];
  for (const waitMs of waits) {
    if (waiting.length === 0 || repriced) break;
    const left = await inPool(waiting, FILL_CONCURRENCY, (queue) => fillQueue(queue, waitMs));
    waiting = left.filter((queue) => queue.length > 0);
  }
  counts.busy = repriced ? 0 : waiting.reduce((sum, queue) => sum + queue.length, 0);
  const report = { asset, price: formatPrice(price), satisfied: satisfied.length, ...counts, repriced };
  if (satisfied.length > 0) logger.info('filled open orders', report);
  return report;
}

/** Runs `work` on every item with at most `concurrency` at once; results in the items' order. */
async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Map.groupBy keeps first-seen order too, but Node 20 lacks it. */
function ordersByUser(orders: readonly Order[]): Order[][] {
  const byUser = new Map<string, Order[]>();
  for (const order of orders) {
    const queue = byUser.get(order.userId);
    if (queue) queue.push(order);
    else byUser.set(order.userId, [order]);
  }
  return [...byUser.values()];
}

/** A price change's own pass has had this long before the reaper's sweep takes over its asset. */
export const SWEEP_GRACE_MS = 30_000;

/**
 * The reaper's pass: every listed asset whose price was set more than SWEEP_GRACE_MS ago, at that
 * price. It leaves a fresh change to the pass the change started, so the two do not fight over the
 * same locks; and it never waits for a lock: the next run comes anyway.
 */
export async function fillEverySatisfiedOrder(now: Date = new Date()): Promise<FillReport[]> {
  const settledBefore = new Date(now.getTime() - SWEEP_GRACE_MS).toISOString();
  const reports: FillReport[] = [];
  for (const item of await listAssetItems()) {
    const asset = String(item.asset);
    if (asset === CASH || (typeof item.priceSetAt === 'string' && item.priceSetAt > settledBefore)) continue;
    reports.push(await fillSatisfiedOrders(asset, 0));
  }
  return reports;
}

/**
 * Under the user's lease, one transaction: the order OPEN → COMPLETED at `price` (condition: OPEN and
 * unexpired), its hold captured for what the trade spends (condition: PENDING and unexpired), the rest
 * of the hold back to available, both ledger entries, and the listed price checked. A cancel or an
 * expiry meets the same conditions, so exactly one of them wins.
 */
export async function fillOpenOrder(
  listed: Order,
  price: bigint,
  lockWaitMs: number = FILL_LOCK_WAIT_MS,
): Promise<FillResult> {
  let lease: Awaited<ReturnType<typeof acquireUserLock>>;
  try {
    lease = await acquireUserLock(listed.userId, 'order', { waitBudgetMs: lockWaitMs });
  } catch (error) {
    if (error instanceof LockedError) return 'busy';
    throw error;
  }
  return runUnderLease(lease, async ({ before, write }) => {
    const holdId = listed.limit?.holdId;
    if (holdId === undefined) return 'closed';
    const [order, hold] = await Promise.all([readOrder(listed.userId, listed.orderId), readHold(holdId)]);
    if (order?.status !== 'OPEN' || hold?.status !== 'PENDING' || isPastExpiry(order)) return 'closed';
    const filled = filledAt(order, price, new Date().toISOString());
    const spent = reservationOf(filled).amount;
    const settled = settleOrder(before, filled, filled.updatedAt);
    try {
      await write({
        after: voidHold(settled.after, hold.asset, hold.amount - spent),
        items: {
          order: closeOpenOrderUpdate(filled, 'COMPLETED', 'unexpired'),
          hold: resolveHoldWrites(
            resolvedHold(hold, 'CAPTURED', spent, new Date(filled.updatedAt)),
            'unexpired',
          ),
          ledger: settled.entries.map((entry) => ledgerEntryPut(order.userId, entry)),
          asset: listedPriceCheck(order.asset, price),
        },
        release: true,
        step: `fill ${order.orderId}`,
      });
    } catch (error) {
      if (!(error instanceof ItemConditionFailed)) throw error;
      return error.failed('asset') ? 'repriced' : 'closed';
    }
    return 'filled';
  });
}
