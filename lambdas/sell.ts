import { httpHandler } from '../common/http/http-handler';
import { orderCommandOf } from '../common/http/order-request';
import { outcomeResponse } from '../common/http/responses';
import { placeOrder } from '../common/orders/place-order';

export const handler = httpHandler(async ({ event, requestId }) =>
  outcomeResponse(await placeOrder(orderCommandOf('SELL', event, requestId))),
);
