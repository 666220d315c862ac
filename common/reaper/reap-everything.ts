import { reapExpiredHolds } from '../holds/reap-expired-holds';
import { reapExpiredOrders } from '../orders/reap-expired-orders';
import type { ReapReport } from './reap-expired';

export interface ReaperRun {
  readonly orders: ReapReport;
  readonly holds: ReapReport;
}

/** One scheduled run: orders a crashed flow left PENDING, then holds left PENDING past their expiry. */
export async function reapEverything(): Promise<ReaperRun> {
  return { orders: await reapExpiredOrders(), holds: await reapExpiredHolds() };
}
