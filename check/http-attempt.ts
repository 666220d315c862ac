import type { Attempt } from './history';

export interface AttemptRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path and query, e.g. "/transactions?limit=100". */
  readonly path: string;
  readonly token: string;
  readonly body?: string;
  readonly idempotencyKey?: string;
  readonly timeoutMs: number;
  /** Drop the connection after this many milliseconds, as a client that gives up would. */
  readonly abortAfterMs?: number;
}

/**
 * One HTTP exchange, never throwing: an answer read in full is a status and body, anything else is
 * the reason there is none. Reading the body is part of the exchange, so a connection cut halfway
 * through an answer counts as no answer.
 */
export async function sendAttempt(baseUrl: string, request: AttemptRequest): Promise<Attempt> {
  const startedAt = Date.now();
  const dropper = new AbortController();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const dropTimer =
    request.abortAfterMs === undefined ? undefined : setTimeout(() => dropper.abort(), request.abortAfterMs);
  const headers: Record<string, string> = { authorization: `Bearer ${request.token}` };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.any([timeout, dropper.signal]),
    });
    const body = await response.text();
    return {
      startedAt,
      endedAt: Date.now(),
      status: response.status,
      replayed: response.headers.get('idempotent-replayed') === 'true',
      body,
    };
  } catch (error) {
    const error_ = dropper.signal.aborted ? 'aborted' : timeout.aborted ? 'timeout' : 'network';
    return { startedAt, endedAt: Date.now(), error: error_, errorDetail: describeError(error) };
  } finally {
    clearTimeout(dropTimer);
  }
}

/** fetch hides the socket error in `cause`; that is the part worth keeping. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = typeof cause?.message === 'string' ? cause.message : error.message;
  return code ? `${code}: ${message}` : message;
}
