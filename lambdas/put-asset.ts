import { ASSET_SYMBOL, listAsset } from '../common/assets/asset-catalog';
import { ForbiddenError, ValidationError } from '../common/errors';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { parseBody } from '../common/http/request';
import { json } from '../common/http/responses';
import { assetListingRequest } from '../common/http/schemas';
import { parsePrice } from '../common/money/amounts';

export const handler = httpHandler(async ({ event }) => {
  const { isAdmin } = identityOf(event);
  if (!isAdmin) throw new ForbiddenError('Only members of the admin group may list or reprice assets.');
  const symbol = event.pathParameters?.asset ?? '';
  if (!ASSET_SYMBOL.test(symbol)) {
    throw new ValidationError('The asset symbol must be 2 to 10 characters from A-Z and 0-9.');
  }
  const { body } = parseBody(event, assetListingRequest);
  return json(200, await listAsset(symbol, parsePrice(body.price), body.name));
});
