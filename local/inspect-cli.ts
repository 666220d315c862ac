import { accountReport } from './account-report';
import { localApiUrl } from './local-api-client';
import { USER_ID_PATTERN } from './tokens';

/** `npm run inspect -- <userId> [--limit N]`: a user's balance, recent ledger and orders, as tables. */
const USAGE = 'Usage: npm run inspect -- <userId> [--limit <1-100>]';

const [userId, flag, value, ...extra] = process.argv.slice(2);
const limit = flag === '--limit' ? Number(value) : 10;
if (
  userId === undefined ||
  !USER_ID_PATTERN.test(userId) ||
  (flag !== undefined && flag !== '--limit') ||
  !Number.isInteger(limit) ||
  limit < 1 ||
  limit > 100 ||
  extra.length > 0
) {
  console.error(USAGE);
  process.exit(2);
}
try {
  console.log(await accountReport(localApiUrl(), userId, limit));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
