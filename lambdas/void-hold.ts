import { voidHold } from '../common/holds/resolve-hold';
import { holdIdempotencyOf, holdIdOf } from '../common/http/hold-request';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { parseBody } from '../common/http/request';
import { outcomeResponse } from '../common/http/responses';
import { voidRequest } from '../common/http/schemas';

export const handler = httpHandler(async ({ event, requestId }) => {
  const requester = identityOf(event);
  const { raw } = parseBody(event, voidRequest, { emptyIsObject: true });
  const holdId = holdIdOf(event);
  return outcomeResponse(
    await voidHold({ requester, holdId, requestId, idempotency: holdIdempotencyOf(event, holdId, raw) }),
  );
});
