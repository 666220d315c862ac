import { reapExpiredHolds } from '../holds/reap-expired-holds';
import { type FillReport, fillEverySatisfiedOrder } from '../limit-orders/fill-open-orders';
import { reapExpiredOrders } from '../orders/reap-expired-orders';
import type { ReapReport } from './reap-expired';

export interface ReaperRun {
  readonly orders: ReapReport;
  readonly holds: ReapReport;
  /** Open limit orders the listed prices satisfy, should a price change's own pass have missed them. */
  readonly fills: readonly FillReport[];
}

/**
 * One scheduled run: orders a crashed flow left PENDING, then holds (and the limit orders they carry)
 * left PENDING past their expiry, then the open orders the listed prices satisfy.
 */
export async function reapEverything(): Promise<ReaperRun> {
  return {
    orders: await reapExpiredOrders(),
    holds: await reapExpiredHolds(),
    fills: await fillEverySatisfiedOrder(),
  };
}
