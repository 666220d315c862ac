import { definiteAnswer, fieldOf, type Operation, resolutionOf, stringAt } from './history';
import { type CheckInput, type InvariantResult, Tally } from './invariant';
import type { UserView } from './user-view';

const ORDER_KINDS = new Set(['buy', 'sell']);

/**
 * After quiescence every order is COMPLETED or FAILED, and its status agrees with what its caller
 * was told: acknowledged orders COMPLETED, orders named in a rejection FAILED, and no COMPLETED order
 * that nobody acknowledged.
 */
export function checkOrdersResolved(
  operations: readonly Operation[],
  views: readonly UserView[],
  ordersExcluded: CheckInput['ordersExcluded'],
): InvariantResult {
  const tally = new Tally();
  if (ordersExcluded?.requested)
    return { ...tally.result('orders-resolved', TITLE), skipped: ordersExcluded.reason };
  if (ordersExcluded)
    tally.fail({ message: `no orders could be placed, so none were checked: ${ordersExcluded.reason}` });
  const orderOps = operations.filter((operation) => ORDER_KINDS.has(operation.kind));
  for (const view of views) {
    if (view.orders === undefined)
      tally.fail({ userId: view.userId, message: 'GET /orders could not be read' });
  }

  const statusOf = new Map<string, string>();
  for (const view of views) {
    for (const order of view.orders ?? []) {
      statusOf.set(`${view.userId} ${order.orderId}`, order.status);
      tally.check(order.status === 'COMPLETED' || order.status === 'FAILED', () => ({
        userId: view.userId,
        message: `order ${order.orderId} (${order.side} ${order.asset}) is ${order.status} after quiescence`,
      }));
    }
  }

  const acknowledged = new Set<string>();
  for (const operation of orderOps) {
    const resolution = resolutionOf(operation);
    const body = definiteAnswer(operation)?.json;
    const orderId = stringAt(body, 'order', 'orderId');
    if (orderId === undefined || resolution === 'indeterminate') continue;
    const key = `${operation.userId} ${orderId}`;
    const expected = resolution === 'acknowledged' ? 'COMPLETED' : 'FAILED';
    if (resolution === 'acknowledged') acknowledged.add(key);
    const listed = statusOf.get(key);
    tally.check(listed === expected, () => ({
      userId: operation.userId,
      operationId: operation.id,
      message: `${operation.kind} #${operation.id} (key ${operation.key}) was answered ${definiteAnswer(operation)?.status} with order ${orderId} ${String(fieldOf(body, 'order', 'status'))}, but GET /orders lists it as ${listed ?? 'absent'}`,
    }));
  }
  for (const [key, status] of statusOf) {
    if (status !== 'COMPLETED') continue;
    const [userId = '', orderId = ''] = key.split(' ');
    tally.check(acknowledged.has(key), () => ({
      userId,
      message: `order ${orderId} is COMPLETED, but no request was acknowledged with it`,
    }));
  }
  return tally.result('orders-resolved', TITLE);
}

const TITLE = 'every order is COMPLETED or FAILED, none PENDING, as its caller was told';
