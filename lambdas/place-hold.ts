import { placeHold } from '../common/holds/place-hold';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { idempotencyOf, parseBody } from '../common/http/request';
import { outcomeResponse } from '../common/http/responses';
import { holdRequest } from '../common/http/schemas';
import { parseCashAmount } from '../common/money/amounts';

export const handler = httpHandler(async ({ event, requestId }) => {
  const { userId } = identityOf(event);
  const { raw, body } = parseBody(event, holdRequest);
  const amount = parseCashAmount(body.amount);
  return outcomeResponse(
    await placeHold({
      userId,
      to: body.to,
      amount,
      expiresInSeconds: body.expiresInSeconds,
      requestId,
      idempotency: idempotencyOf(event, raw),
    }),
  );
});
