import { readBalance } from '../common/accounts/balance-store';
import { NotFoundError } from '../common/errors';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { expectNoInput } from '../common/http/request';
import { json } from '../common/http/responses';
import { limitsView } from '../common/limits/limits-view';

export const handler = httpHandler(async ({ event }) => {
  const caller = identityOf(event);
  expectNoInput(event);
  const userId = event.pathParameters?.userId ?? '';
  // Another user's limits read as not found, as another user's order does; admins read anyone's.
  if (userId !== caller.userId && !caller.isAdmin) {
    throw new NotFoundError('There are no limits of that user for you to read.');
  }
  return json(200, limitsView(userId, await readBalance(userId), new Date()));
});
