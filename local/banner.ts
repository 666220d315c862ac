import type { HttpRoute } from '../lib/function-catalog';

export interface BannerFacts {
  readonly apiUrl: string;
  readonly dynamodbEndpoint: string;
  /** Where DynamoDB Local keeps its data; undefined when in memory or not ours. */
  readonly dataDir?: string;
  /** True when the DynamoDB was already running (npm run dev, or DYNAMODB_ENDPOINT). */
  readonly sharedDynamoDb: boolean;
  readonly routes: readonly HttpRoute[];
}

/** The readiness line; scripts and tests wait for it, so it comes last and never changes shape. */
export const readyLine = (apiUrl: string): string => `API listening on ${apiUrl}`;

/** What a newcomer needs on start: where things are, what to call, and how to get a token. */
export function startupBanner(facts: BannerFacts): string {
  const storage = facts.sharedDynamoDb
    ? 'already running, kept across restarts'
    : facts.dataDir
      ? `data kept in ${facts.dataDir}`
      : 'in memory, gone on exit';
  const methodWidth = Math.max(...facts.routes.map((route) => route.method.length));
  return [
    'lockstep local stack',
    `  API       ${facts.apiUrl}`,
    `  DynamoDB  ${facts.dynamodbEndpoint} (${storage})`,
    '  Routes',
    ...facts.routes.map(
      (route) =>
        `    ${route.method.padEnd(methodWidth)} ${route.path}${route.authenticated ? '' : '  (no token)'}`,
    ),
    '  Token     TOKEN=$(npm run -s token -- alice)   # --admin adds the admin group',
    `  Try       curl -sS ${facts.apiUrl}/balance -H "Authorization: Bearer $TOKEN"`,
    readyLine(facts.apiUrl),
  ].join('\n');
}

/** The last line on a stop: whether DynamoDB went down too, or is someone else's and still running. */
export function shutdownLine(sharedDynamoDb: boolean): string {
  return sharedDynamoDb
    ? 'API stopped; the DynamoDB it used is still running.'
    : 'lockstep stopped: the API and DynamoDB Local are down, nothing is left listening.';
}
