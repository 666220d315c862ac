import { ASSET_SYMBOL } from '../assets/asset-catalog';
import { ValidationError } from '../errors';
import { parseQuantity } from '../money/amounts';
import type { Side } from '../money/trade-total';
import type { OrderCommand } from '../orders/place-order';
import { identityOf } from './identity';
import { idempotencyOf, parseBody } from './request';
import { orderRequest } from './schemas';
import type { HttpEvent } from './types';

/** POST /orders/buy and /orders/sell, as the order command they ask for. */
export function orderCommandOf(side: Side, event: HttpEvent, requestId: string): OrderCommand {
  const { userId } = identityOf(event);
  const { raw, body } = parseBody(event, orderRequest);
  if (!ASSET_SYMBOL.test(body.asset)) {
    throw new ValidationError(
      'asset must be a symbol of 2 to 10 characters from A-Z and 0-9, such as "BTC".',
    );
  }
  const quantity = parseQuantity(body.quantity);
  return { userId, side, asset: body.asset, quantity, requestId, idempotency: idempotencyOf(event, raw) };
}
