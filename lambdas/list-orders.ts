import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { pageOf } from '../common/http/request';
import { json } from '../common/http/responses';
import { orderFromItem } from '../common/orders/order-store';
import { orderView } from '../common/orders/order-view';
import { SK_PREFIX } from '../common/storage/keys';
import { queryUserItems } from '../common/storage/page';

export const handler = httpHandler(async ({ event }) => {
  const { userId } = identityOf(event);
  const page = await queryUserItems(userId, SK_PREFIX.order, pageOf(event), (item) =>
    orderView(orderFromItem(item)),
  );
  return json(200, page);
});
