import { NotFoundError } from '../common/errors';
import { httpHandler } from '../common/http/http-handler';

/** API Gateway's `$default` route: whatever no route matches gets the contract's 404 body. */
export const handler = httpHandler(async ({ event }) => {
  throw new NotFoundError(
    `No route matches ${event.requestContext.http.method} ${event.rawPath}; check the method and path.`,
  );
});
