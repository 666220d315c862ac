import { listAssets } from '../common/assets/asset-catalog';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { expectNoInput } from '../common/http/request';
import { json } from '../common/http/responses';

export const handler = httpHandler(async ({ event }) => {
  identityOf(event);
  expectNoInput(event);
  return json(200, { items: await listAssets() });
});
