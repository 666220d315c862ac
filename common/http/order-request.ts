import { ASSET_SYMBOL } from '../assets/asset-catalog';
import { ValidationError } from '../errors';
import { LIMIT_ORDER_EXPIRY_SECONDS } from '../limit-orders/limit-order';
import type { AnyOrderCommand } from '../limit-orders/place-any-order';
import { parsePrice, parseQuantity } from '../money/amounts';
import type { Side } from '../money/trade-total';
import { identityOf } from './identity';
import { idempotencyOf, parseBody } from './request';
import { orderRequest } from './schemas';
import type { HttpEvent } from './types';

/** POST /orders/buy and /orders/sell, as the market or limit order command they ask for. */
export function orderCommandOf(side: Side, event: HttpEvent, requestId: string): AnyOrderCommand {
  const { userId } = identityOf(event);
  const { raw, body } = parseBody(event, orderRequest);
  if (!ASSET_SYMBOL.test(body.asset)) {
    throw new ValidationError(
      'asset must be a symbol of 2 to 10 characters from A-Z and 0-9, such as "BTC".',
    );
  }
  const quantity = parseQuantity(body.quantity);
  const command = {
    userId,
    side,
    asset: body.asset,
    quantity,
    requestId,
    idempotency: idempotencyOf(event, raw),
  };
  if (body.type !== 'LIMIT' || body.limitPrice === undefined) return { type: 'MARKET', ...command };
  return {
    type: 'LIMIT',
    ...command,
    limitPrice: parsePrice(body.limitPrice, 'limitPrice'),
    expiresInSeconds: body.expiresInSeconds ?? LIMIT_ORDER_EXPIRY_SECONDS.max,
  };
}
