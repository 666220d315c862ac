import { NotFoundError } from '../common/errors';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { idempotencyOf, parseBody } from '../common/http/request';
import { outcomeResponse } from '../common/http/responses';
import { voidRequest } from '../common/http/schemas';
import { isUlid } from '../common/ids/ulid';
import { cancelOrder } from '../common/limit-orders/cancel-order';

export const handler = httpHandler(async ({ event, requestId }) => {
  const { userId } = identityOf(event);
  const { raw } = parseBody(event, voidRequest, { emptyIsObject: true });
  const orderId = event.pathParameters?.orderId ?? '';
  // Order ids are ULIDs; keyed under the caller's own partition, so another user's order is not found.
  if (!isUlid(orderId)) throw new NotFoundError('There is no order with that id on this account.');
  // The key's fingerprint covers the order the path names, so one key cannot cancel two orders.
  const idempotency = idempotencyOf(event, { orderId, body: raw });
  return outcomeResponse(await cancelOrder({ userId, orderId, requestId, idempotency }));
});
