import { holdView } from '../common/holds/hold';
import { findVisibleHold } from '../common/holds/resolve-hold';
import { holdIdOf } from '../common/http/hold-request';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { expectNoInput } from '../common/http/request';
import { json } from '../common/http/responses';

export const handler = httpHandler(async ({ event }) => {
  const requester = identityOf(event);
  expectNoInput(event);
  // A hold that does not involve the caller reads as not found, never as forbidden.
  return json(200, holdView(await findVisibleHold(holdIdOf(event), requester)));
});
