import { expectedTradeTotal } from './amounts';
import { definiteAnswer, fieldOf, type Operation, resolutionOf, stringAt } from './history';
import { type CheckInput, type InvariantResult, Tally } from './invariant';
import type { OrderRow } from './parse-state';
import { listedPrices, meetsLimit, orderInFlight } from './settled';
import type { UserView } from './user-view';

const ORDER_KINDS = new Set(['buy', 'sell']);
const FINAL_STATUSES = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED', 'OPEN']);
/** What an order acknowledged OPEN may have become: filled, cancelled, expired, or still resting. */
const AFTER_OPEN = new Set(['COMPLETED', 'CANCELLED', 'EXPIRED', 'OPEN']);
const TITLE =
  'every order is COMPLETED, FAILED, CANCELLED, EXPIRED or OPEN within its expiry and unmet by its price, as its caller was told; a fill is at or better than its limit';

/** Why a COMPLETED limit order's fill is not one its limit allows, or undefined. */
function fillProblem(order: OrderRow): string | undefined {
  if (order.status !== 'COMPLETED' || order.limitPrice === undefined) return undefined;
  const side = order.side === 'BUY' ? 'BUY' : 'SELL';
  if (!meetsLimit(side, order.limitPrice, order.price)) {
    return `filled at ${order.price} cents, worse than its limit ${order.limitPrice} cents`;
  }
  if (order.total !== expectedTradeTotal(side, order.quantity, order.price)) {
    return `filled for a total of ${order.total} cents, not quantity × price rounded ${side === 'BUY' ? 'up' : 'down'}`;
  }
  return undefined;
}

/**
 * After quiescence every order is COMPLETED, FAILED, CANCELLED or EXPIRED, or OPEN within its expiry
 * while its asset's listed price does not meet its limit (a met one is a fill pass that never came);
 * a limit order filled at its limit or better; and its status agrees with what its caller was told:
 * acknowledged COMPLETED stays COMPLETED, acknowledged OPEN may be anything but FAILED, named in a
 * rejection is FAILED, and no order exists beyond FAILED that nobody acknowledged.
 */
export function checkOrdersResolved(
  operations: readonly Operation[],
  views: readonly UserView[],
  ordersExcluded: CheckInput['ordersExcluded'],
  listedAssets?: unknown,
): InvariantResult {
  const tally = new Tally();
  if (ordersExcluded?.requested)
    return { ...tally.result('orders-resolved', TITLE), skipped: ordersExcluded.reason };
  if (ordersExcluded)
    tally.fail({ message: `no orders could be placed, so none were checked: ${ordersExcluded.reason}` });
  const prices = listedPrices(listedAssets);
  for (const view of views) {
    if (view.orders === undefined)
      tally.fail({ userId: view.userId, message: 'GET /orders could not be read' });
  }

  const listed = new Map<string, OrderRow>();
  for (const view of views) {
    for (const order of view.orders ?? []) {
      listed.set(`${view.userId} ${order.orderId}`, order);
      const problem = FINAL_STATUSES.has(order.status)
        ? (orderInFlight(order, view.readAt, prices) ?? fillProblem(order))
        : `is ${order.status}`;
      tally.check(problem === undefined, () => ({
        userId: view.userId,
        message: `order ${order.orderId} (${order.type} ${order.side} ${order.asset}) ${problem ?? ''} after quiescence`,
      }));
    }
  }

  const acknowledged = new Set<string>();
  for (const operation of operations) {
    if (!ORDER_KINDS.has(operation.kind)) continue;
    const resolution = resolutionOf(operation);
    const body = definiteAnswer(operation)?.json;
    const orderId = stringAt(body, 'order', 'orderId');
    if (orderId === undefined || resolution === 'indeterminate') continue;
    const key = `${operation.userId} ${orderId}`;
    const answered = stringAt(body, 'order', 'status');
    const allowed =
      resolution !== 'acknowledged'
        ? new Set(['FAILED'])
        : answered === 'OPEN'
          ? AFTER_OPEN
          : new Set(['COMPLETED']);
    if (resolution === 'acknowledged') acknowledged.add(key);
    const status = listed.get(key)?.status;
    tally.check(status !== undefined && allowed.has(status), () => ({
      userId: operation.userId,
      operationId: operation.id,
      message: `${operation.kind} #${operation.id} (key ${operation.key}) was answered ${definiteAnswer(operation)?.status} with order ${orderId} ${String(fieldOf(body, 'order', 'status'))}, but GET /orders lists it as ${status ?? 'absent'}`,
    }));
  }
  for (const [key, order] of listed) {
    if (order.status === 'FAILED') continue;
    const [userId = ''] = key.split(' ');
    tally.check(acknowledged.has(key), () => ({
      userId,
      message: `order ${order.orderId} is ${order.status}, but no request was acknowledged with it`,
    }));
  }
  return tally.result('orders-resolved', TITLE);
}
