import { holdView } from '../common/holds/hold';
import { listHoldsOf } from '../common/holds/hold-store';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { pageOf } from '../common/http/request';
import { json } from '../common/http/responses';

/** Both directions: holds the caller placed, and holds for the caller, newest first. */
export const handler = httpHandler(async ({ event }) => {
  const { userId } = identityOf(event);
  const page = await listHoldsOf(userId, pageOf(event));
  return json(200, { items: page.items.map(holdView), nextCursor: page.nextCursor });
});
