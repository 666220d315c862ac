import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './openapi-types';
import { type AttemptReport, type Fetch, resendingFetch } from './resending-fetch';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

/** openapi-fetch's client for lockstep's routes: `client.POST('/deposits', { body })` and so on. */
export type LockstepClient = Client<paths>;

export interface LockstepClientOptions {
  /** Where the API answers: the `ApiUrl` output of `cdk deploy`, or `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /** The bearer token, or a function asked for one before each request (tokens expire). */
  readonly token?: string | (() => string | Promise<string>);
  /** Overrides of DEFAULT_RETRY_POLICY. */
  readonly retry?: Partial<RetryPolicy>;
  /** Makes the Idempotency-Key of a POST that has none; a random UUID by default. */
  readonly newIdempotencyKey?: () => string;
  /** The fetch that sends each attempt; globalThis.fetch by default. */
  readonly fetch?: Fetch;
  /** Called after every attempt, answered or not. */
  readonly onAttempt?: (report: AttemptReport) => void;
}

/**
 * A typed client for the lockstep HTTP API. Every POST carries an Idempotency-Key (the caller's,
 * given as `params.header['Idempotency-Key']`, or a new one), and a request whose answer is not
 * definite is resent with that same key, so a retry never applies an operation twice. When no
 * answer comes at all, the call throws NoAnswerError, which names the key to resend it with later.
 */
export function createLockstepClient(options: LockstepClientOptions): LockstepClient {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: resendingFetch(fetch, policy, options.onAttempt),
  });
  client.use(idempotencyKeys(options.newIdempotencyKey ?? (() => crypto.randomUUID())));
  if (options.token !== undefined) client.use(bearerToken(options.token));
  return client;
}

/** Gives every POST a key before its first attempt, so that every attempt carries the same one. */
const idempotencyKeys = (newKey: () => string): Middleware => ({
  onRequest({ request }) {
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
      request.headers.set('idempotency-key', newKey());
    }
    return request;
  },
});

const bearerToken = (token: NonNullable<LockstepClientOptions['token']>): Middleware => ({
  async onRequest({ request }) {
    request.headers.set('authorization', `Bearer ${typeof token === 'string' ? token : await token()}`);
    return request;
  },
});
