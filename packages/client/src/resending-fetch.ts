import { isWorthResending, type RetryPolicy, retryAfterMs, waitBeforeNext } from './retry-policy';

export type Fetch = (request: Request) => Promise<Response>;

/** What one attempt did, for logs and metrics. */
export interface AttemptReport {
  readonly method: string;
  readonly url: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly idempotencyKey: string | undefined;
  /** The answer's status; absent when no answer arrived in full. */
  readonly status?: number;
  /** Why no answer arrived: a network error or the attempt's timeout. */
  readonly error?: unknown;
  /** How long the client waits before the next attempt; absent when there is none. */
  readonly retryInMs?: number;
}

/**
 * No answer arrived, however often the request was sent. Whether it took effect is unknown: send it
 * again later with the same `idempotencyKey` and the API applies it at most once.
 */
export class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
  constructor(
    readonly method: string,
    readonly url: string,
    readonly attempts: number,
    readonly idempotencyKey: string | undefined,
    cause: unknown,
  ) {
    const key = idempotencyKey === undefined ? '' : ` (Idempotency-Key ${idempotencyKey})`;
    super(`No answer to ${method} ${url}${key} after ${attempts} attempt(s): ${describe(cause)}`, { cause });
  }
}

/** Methods that HTTP defines as idempotent, so resending them is safe without a key. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * A fetch that resends a request, unchanged and so with the same Idempotency-Key, for as long as
 * its answer is not definite and the policy allows. A POST without a key is sent once: resending it
 * could apply it twice. An attempt is only answered once its body has arrived in full, so a
 * connection cut halfway through the answer is resent like one that was never answered.
 */
export function resendingFetch(
  fetch: Fetch,
  policy: RetryPolicy,
  onAttempt?: (report: AttemptReport) => void,
): Fetch {
  return async (request) => {
    const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
    const resendable = IDEMPOTENT_METHODS.has(request.method) || idempotencyKey !== undefined;
    const attempts = resendable ? Math.max(1, policy.maxAttempts) : 1;
    const report = (attempt: number, outcome: Partial<AttemptReport>) =>
      onAttempt?.({ method: request.method, url: request.url, attempt, idempotencyKey, ...outcome });
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      let response: Response;
      try {
        response = await answeredInFull(fetch, request, policy.attemptTimeoutMs);
      } catch (error) {
        // The caller gave up: that is not an unanswered request to resend.
        if (request.signal.aborted) throw error;
        const retryInMs = last ? undefined : waitBeforeNext(policy, attempt, undefined);
        report(attempt, { error, retryInMs });
        if (retryInMs === undefined) {
          throw new NoAnswerError(request.method, request.url, attempt, idempotencyKey, error);
        }
        await sleep(retryInMs, request.signal);
        continue;
      }
      const resend = !last && (await isWorthResending(response));
      const retryInMs = resend ? waitBeforeNext(policy, attempt, retryAfterMs(response)) : undefined;
      report(attempt, { status: response.status, retryInMs });
      if (retryInMs === undefined) return response;
      await sleep(retryInMs, request.signal);
    }
  };
}

/** One attempt on a copy of the request, with its own timeout, and its whole body read. */
async function answeredInFull(fetch: Fetch, request: Request, timeoutMs: number): Promise<Response> {
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
  const response = await fetch(new Request(request.clone(), { signal }));
  const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Statuses a Response may not be built with a body for. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
  });
}

/** fetch hides the socket error in `cause`; that is the part worth reading. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}
