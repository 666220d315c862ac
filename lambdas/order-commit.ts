import { requestLogger } from '../common/observability/logger';
import { withMetrics } from '../common/observability/metrics';
import { commitOrder } from '../common/orders/commit-order';
import type { CompletedOrder } from '../common/orders/completed-order';
import { parseLaterStates, parseOrderFlow } from '../common/orders/execution-input';

/** The Commit task; its result is the execution's output (`{order, balance}`). */
export const handler = withMetrics(async (event: unknown): Promise<CompletedOrder> => {
  const flow = parseOrderFlow(event);
  const { reserved } = parseLaterStates(event);
  if (!reserved) throw new Error('Commit runs after Reserve and needs its result at $.reserved');
  return commitOrder(flow, reserved, requestLogger(flow.requestId));
});
