import { httpHandler } from '../common/http/http-handler';
import { json } from '../common/http/responses';

/**
 * GET /health: answers without touching storage, so it says the API is up, nothing more. Through
 * the standard middlewares all the same, so that it logs its request line like every other route.
 */
export const handler = httpHandler(async () => json(200, { status: 'ok' }));
