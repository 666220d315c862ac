import { ValidationError } from '../common/errors';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { pageOf } from '../common/http/request';
import { json } from '../common/http/responses';
import { ORDER_STATUSES } from '../common/orders/order';
import { orderFromItem } from '../common/orders/order-store';
import { orderView } from '../common/orders/order-view';
import { SK_PREFIX } from '../common/storage/keys';
import { queryUserItems } from '../common/storage/page';

export const handler = httpHandler(async ({ event }) => {
  const { userId } = identityOf(event);
  const page = pageOf(event, ['status']);
  const status = event.queryStringParameters?.status;
  if (status !== undefined && !(ORDER_STATUSES as readonly string[]).includes(status)) {
    throw new ValidationError(`status must be one of ${ORDER_STATUSES.join(', ')}.`);
  }
  const items = await queryUserItems(
    userId,
    SK_PREFIX.order,
    page,
    (item) => orderView(orderFromItem(item)),
    status === undefined ? undefined : { attribute: 'status', value: status },
  );
  return json(200, items);
});
