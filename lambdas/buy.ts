import { httpHandler } from '../common/http/http-handler';
import { placeOrder } from '../common/orders/place-order';

export const handler = httpHandler((request) => placeOrder('BUY', request));
