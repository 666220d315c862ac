import { ForbiddenError, ValidationError } from '../common/errors';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { parseBody } from '../common/http/request';
import { json } from '../common/http/responses';
import { dailyLimitsRequest } from '../common/http/schemas';
import { setDailyLimits } from '../common/limits/set-daily-limits';
import { parseDailyLimit } from '../common/money/amounts';

/** The same bound identity.ts puts on a token's subject: nothing longer can be a user id. */
const MAX_USER_ID_LENGTH = 128;

export const handler = httpHandler(async ({ event }) => {
  const { isAdmin } = identityOf(event);
  if (!isAdmin) throw new ForbiddenError("Only members of the admin group may set a user's daily limits.");
  const userId = event.pathParameters?.userId ?? '';
  if (userId.length > MAX_USER_ID_LENGTH) {
    throw new ValidationError(`The user id must be at most ${MAX_USER_ID_LENGTH} characters.`);
  }
  const { body } = parseBody(event, dailyLimitsRequest);
  const overrides = {
    ...(body.deposit === undefined ? {} : { deposit: parseDailyLimit(body.deposit, 'deposit') }),
    ...(body.withdrawal === undefined ? {} : { withdrawal: parseDailyLimit(body.withdrawal, 'withdrawal') }),
  };
  return json(200, await setDailyLimits(userId, overrides));
});
