import { withMetrics } from '../common/observability/metrics';
import { type ReapReport, reapExpiredOrders } from '../common/orders/reap-expired-orders';

/** Run every minute by EventBridge Scheduler: resolves orders left PENDING by a crashed flow. */
export const handler = withMetrics(async (): Promise<ReapReport> => reapExpiredOrders());
