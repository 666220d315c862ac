import { errorResponse, json, outcomeResponse } from '../http/responses';
import type { HttpResult } from '../http/types';
import { requestLogger } from '../observability/logger';
import type { OrderFlow } from './execution-input';
import { readOrderFailureReport } from './order-failure-report';
import { readOrder } from './order-store';
import { orderView } from './order-view';
import type { WorkflowOutcome } from './workflow-port';

const RETRY_AFTER_SECONDS = 1;

/**
 * The execution's outcome as the contract's answer: 201 with the COMPLETED order and balance; 422
 * with the business code and the FAILED order; 503 or 500 with the FAILED order for a technical
 * failure. A rollback that found the order COMPLETED means the commit landed and only its answer was
 * lost, so that is a 201 too.
 */
export async function orderResponse(outcome: WorkflowOutcome, flow: OrderFlow): Promise<HttpResult> {
  const { requestId } = flow;
  if (outcome.status === 'SUCCEEDED') return json(201, outcome.output);
  const report =
    outcome.status === 'FAILED' ? readOrderFailureReport(outcome.error, outcome.cause) : undefined;
  switch (report?.kind) {
    case 'completed':
      return json(201, report.result);
    case 'rejected':
      return outcomeResponse({
        outcome: {
          status: 'rejected',
          code: report.code,
          message: report.message,
          requestId,
          order: { ...report.order },
        },
        replayed: false,
      });
    case 'failed':
      return errorResponse(report.code, report.message, requestId, {
        retryAfterSeconds: report.code === 'UNAVAILABLE' ? RETRY_AFTER_SECONDS : undefined,
        extra: { order: report.order },
      });
    case undefined:
      return unresolvedResponse(outcome, flow);
  }
}

/**
 * The execution ended without Rollback's report (Rollback gave up, or the execution timed out). The
 * order may still be PENDING; the reaper resolves it once the lease has expired. The body carries the
 * order as it is stored right now.
 */
async function unresolvedResponse(outcome: WorkflowOutcome, flow: OrderFlow): Promise<HttpResult> {
  const { userId, orderId } = flow.order;
  requestLogger(flow.requestId).error('order execution ended unresolved', {
    orderId,
    status: outcome.status,
    error: outcome.error,
    cause: outcome.cause,
  });
  const stored = await readOrder(userId, orderId);
  return errorResponse(
    'UNAVAILABLE',
    'The order could not be finished now; anything it reserved is released within two minutes. Retry after the time in Retry-After.',
    flow.requestId,
    { retryAfterSeconds: RETRY_AFTER_SECONDS, extra: stored ? { order: orderView(stored) } : undefined },
  );
}
