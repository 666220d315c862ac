import { requestLogger } from '../observability/logger';
import type { Executed, JsonObject } from '../outcomes/outcome';
import type { OrderFlow } from './execution-input';
import { OrderFailedError } from './order-failed-error';
import { readOrder } from './order-store';
import { orderView } from './order-view';
import { readRollbackReport } from './rollback-output';
import type { WorkflowOutcome } from './workflow-port';

/**
 * What an execution's end means for the order: the COMPLETED order and balance, a business rejection
 * with the FAILED order, or an OrderFailedError for a technical failure. A rollback that found the
 * order COMPLETED means the commit landed and only its answer was lost, so that is a success too.
 */
export async function orderOutcome(outcome: WorkflowOutcome, flow: OrderFlow): Promise<Executed> {
  const { requestId } = flow;
  if (outcome.status === 'SUCCEEDED') {
    return { outcome: { status: 'completed', result: outcome.output as JsonObject }, replayed: false };
  }
  const report = outcome.status === 'FAILED' ? readRollbackReport(outcome.error, outcome.cause) : undefined;
  switch (report?.kind) {
    case 'completed':
      return { outcome: { status: 'completed', result: { ...report.result } }, replayed: false };
    case 'rejected':
      return {
        outcome: {
          status: 'rejected',
          code: report.code,
          message: report.message,
          requestId,
          order: { ...report.order },
        },
        replayed: false,
      };
    case 'failed':
      throw new OrderFailedError(
        report.code === 'INTERNAL' ? 'INTERNAL' : 'UNAVAILABLE',
        report.message,
        report.order,
      );
    case undefined:
      return unresolved(outcome, flow);
  }
}

/**
 * The execution ended without Rollback's report (Rollback gave up, or the execution timed out). The
 * order may still be PENDING; the reaper resolves it once the lease has expired.
 */
async function unresolved(outcome: WorkflowOutcome, flow: OrderFlow): Promise<never> {
  const { userId, orderId } = flow.order;
  requestLogger(flow.requestId).error('order execution ended unresolved', {
    orderId,
    status: outcome.status,
    error: outcome.error,
    cause: outcome.cause,
  });
  const stored = await readOrder(userId, orderId);
  throw new OrderFailedError(
    'UNAVAILABLE',
    'The order could not be finished now; anything it reserved is released within two minutes. Retry after the time in Retry-After.',
    stored ? orderView(stored) : undefined,
  );
}
