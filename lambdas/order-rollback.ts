import { requestLogger } from '../common/observability/logger';
import { withMetrics } from '../common/observability/metrics';
import { parseLaterStates, parseOrderFlow } from '../common/orders/execution-input';
import { rollbackOrder } from '../common/orders/rollback-order';
import type { RollbackOutput } from '../common/orders/rollback-output';
import { describeTaskFailure } from '../common/orders/task-failure';

/** The Rollback task, reached by every Catch; its `{error, cause}` feeds the Fail state. */
export const handler = withMetrics(async (event: unknown): Promise<RollbackOutput> => {
  const flow = parseOrderFlow(event);
  const { reserved, error } = parseLaterStates(event);
  const log = requestLogger(flow.requestId);
  const failure = describeTaskFailure(error);
  log.warn('rolling back order', {
    orderId: flow.order.orderId,
    error: failure.name,
    reason: failure.reason,
  });
  return rollbackOrder(flow, reserved, failure, log);
});
