import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { idempotencyOf, parseBody } from '../common/http/request';
import { outcomeResponse } from '../common/http/responses';
import { transferRequest } from '../common/http/schemas';
import { parseCashAmount } from '../common/money/amounts';
import { transferMoney } from '../common/transfers/transfer-money';

export const handler = httpHandler(async ({ event, requestId }) => {
  const { userId } = identityOf(event);
  const { raw, body } = parseBody(event, transferRequest);
  const amount = parseCashAmount(body.amount);
  return outcomeResponse(
    await transferMoney({
      userId,
      to: body.to,
      amount,
      memo: body.memo,
      requestId,
      idempotency: idempotencyOf(event, raw),
    }),
  );
});
