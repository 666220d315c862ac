import { withdraw } from '../common/cash/cash-operations';
import { cashCommandOf } from '../common/http/cash-request';
import { httpHandler } from '../common/http/http-handler';
import { outcomeResponse } from '../common/http/responses';

export const handler = httpHandler(async ({ event, requestId }) =>
  outcomeResponse(await withdraw(cashCommandOf(event, requestId))),
);
