import { definiteAnswer, labelOf, type Operation, resolutionOf } from './history';
import { type InvariantResult, Tally } from './invariant';
import type { OrderRow } from './parse-state';
import type { UserView } from './user-view';

const TITLE =
  'an acknowledged cancel left its order CANCELLED, a refused one (409) an order not OPEN; every CANCELLED order was cancelled by one acknowledged request';

/**
 * Cancels against the final orders: a 201 means the order is CANCELLED (a fill or an expiry cannot
 * have come after it); a 409 ORDER_NOT_OPEN means it was not OPEN, so it must not be now; and a
 * CANCELLED order is the work of exactly one acknowledged cancel, never of none, never of two.
 */
export function checkCancels(operations: readonly Operation[], views: readonly UserView[]): InvariantResult {
  const tally = new Tally();
  const cancels = operations.filter((operation) => operation.kind === 'cancel');
  if (cancels.length === 0) return { ...tally.result('cancels', TITLE), skipped: 'no cancels were sent' };
  const orders = new Map<string, OrderRow>();
  for (const view of views) {
    for (const order of view.orders ?? []) orders.set(`${view.userId} ${order.orderId}`, order);
  }
  const cancelledBy = new Map<string, Operation[]>();
  for (const operation of cancels) {
    const resolution = resolutionOf(operation);
    if (resolution === 'skipped' || resolution === 'indeterminate') continue;
    const key = `${operation.userId} ${operation.target ?? ''}`;
    const status = orders.get(key)?.status;
    const answered = definiteAnswer(operation)?.status;
    if (resolution === 'acknowledged') cancelledBy.set(key, [...(cancelledBy.get(key) ?? []), operation]);
    const agrees =
      resolution === 'acknowledged' ? status === 'CANCELLED' : status !== undefined && status !== 'OPEN';
    tally.check(agrees, () => ({
      userId: operation.userId,
      operationId: operation.id,
      message: `${labelOf(operation)}: answered ${answered} for order ${operation.target ?? '?'}, which GET /orders lists as ${status ?? 'absent'}`,
    }));
  }
  for (const [key, order] of orders) {
    if (order.status !== 'CANCELLED') continue;
    const by = cancelledBy.get(key) ?? [];
    tally.check(by.length === 1, () => ({
      userId: key.split(' ')[0],
      message: `order ${order.orderId} is CANCELLED by ${by.length} acknowledged cancels (${by.map(labelOf).join(', ') || 'none'})`,
    }));
  }
  return tally.result('cancels', TITLE);
}
