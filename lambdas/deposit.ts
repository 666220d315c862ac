import { deposit } from '../common/cash/cash-operations';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { idempotencyOf, parseBody } from '../common/http/request';
import { outcomeResponse } from '../common/http/responses';
import { cashRequest } from '../common/http/schemas';
import { parseCashAmount } from '../common/money/assets';

export const handler = httpHandler(async ({ event, requestId }) => {
  const { userId } = identityOf(event);
  const { raw, body } = parseBody(event, cashRequest);
  const amount = parseCashAmount(body.amount);
  return outcomeResponse(
    await deposit({ userId, amount, requestId, idempotency: idempotencyOf(event, raw) }),
  );
});
