import { captureHold } from '../common/holds/resolve-hold';
import { holdIdempotencyOf, holdIdOf } from '../common/http/hold-request';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { parseBody } from '../common/http/request';
import { outcomeResponse } from '../common/http/responses';
import { captureRequest } from '../common/http/schemas';
import { parseCashAmount } from '../common/money/amounts';

export const handler = httpHandler(async ({ event, requestId }) => {
  const requester = identityOf(event);
  const { raw, body } = parseBody(event, captureRequest, { emptyIsObject: true });
  const amount = body.amount === undefined ? undefined : parseCashAmount(body.amount);
  const holdId = holdIdOf(event);
  return outcomeResponse(
    await captureHold({
      requester,
      holdId,
      amount,
      requestId,
      idempotency: holdIdempotencyOf(event, holdId, raw),
    }),
  );
});
