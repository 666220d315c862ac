import { httpHandler } from '../common/http/http-handler';
import { orderCommandOf } from '../common/http/order-request';
import { outcomeResponse } from '../common/http/responses';
import { placeAnyOrder } from '../common/limit-orders/place-any-order';

export const handler = httpHandler(async ({ event, requestId }) =>
  outcomeResponse(await placeAnyOrder(orderCommandOf('BUY', event, requestId))),
);
