import { requestLogger } from '../common/observability/logger';
import { withMetrics } from '../common/observability/metrics';
import { parseOrderFlow } from '../common/orders/execution-input';
import { type ReserveResult, reserveOrder } from '../common/orders/reserve-order';

/** The Reserve task of the order state machine; its result lands at `$.reserved`. */
export const handler = withMetrics(async (event: unknown): Promise<ReserveResult> => {
  const flow = parseOrderFlow(event);
  return reserveOrder(flow, requestLogger(flow.requestId));
});
