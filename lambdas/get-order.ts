import { NotFoundError } from '../common/errors';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { expectNoInput } from '../common/http/request';
import { json } from '../common/http/responses';
import { isUlid } from '../common/ids/ulid';
import { readOrder } from '../common/orders/order-store';
import { orderView } from '../common/orders/order-view';

export const handler = httpHandler(async ({ event }) => {
  const { userId } = identityOf(event);
  expectNoInput(event);
  const orderId = event.pathParameters?.orderId ?? '';
  // Order ids are ULIDs: anything else cannot name an order. Keyed under the caller's own
  // partition: another user's order is not found, never forbidden.
  const order = isUlid(orderId) ? await readOrder(userId, orderId) : undefined;
  if (!order) throw new NotFoundError('This account has no order with that id.');
  return json(200, orderView(order));
});
