import { readBalance } from '../common/accounts/balance-store';
import { balanceView } from '../common/accounts/views';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { expectNoInput } from '../common/http/request';
import { json } from '../common/http/responses';

export const handler = httpHandler(async ({ event }) => {
  const { userId } = identityOf(event);
  expectNoInput(event);
  return json(200, balanceView(await readBalance(userId)));
});
