import { httpHandler } from '../common/http/http-handler';
import { identityOf } from '../common/http/identity';
import { expectNoInput } from '../common/http/request';
import { json } from '../common/http/responses';
import { readPortfolio } from '../common/portfolio/portfolio';
import { portfolioView } from '../common/portfolio/portfolio-view';

export const handler = httpHandler(async ({ event }) => {
  const { userId } = identityOf(event);
  expectNoInput(event);
  return json(200, portfolioView(await readPortfolio(userId)));
});
