import { ledgerEntryView } from '../common/accounts/views';
import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { pageOf } from '../common/http/request';
import { json } from '../common/http/responses';
import { ledgerEntryFromItem } from '../common/ledger/ledger-entry';
import { SK_PREFIX } from '../common/storage/keys';
import { queryUserItems } from '../common/storage/page';

export const handler = httpHandler(async ({ event }) => {
  const { userId } = identityOf(event);
  const page = await queryUserItems(userId, SK_PREFIX.ledgerEntry, pageOf(event), (item) =>
    ledgerEntryView(ledgerEntryFromItem(item)),
  );
  return json(200, page);
});
