import type { ErrorCode } from '../errors';
import type { Executed } from '../outcomes/outcome';
import type { HttpResult } from './types';

const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LOCKED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  INSUFFICIENT_FUNDS: 422,
  INSUFFICIENT_ASSET: 422,
  UNKNOWN_ASSET: 422,
  DAILY_LIMIT_EXCEEDED: 422,
  SAME_ACCOUNT: 422,
  UNKNOWN_PAYEE: 422,
  HOLD_ALREADY_CAPTURED: 409,
  HOLD_ALREADY_VOIDED: 409,
  HOLD_EXPIRED: 409,
  CAPTURE_EXCEEDS_HOLD: 422,
  RESERVED_SYMBOL: 422,
  REQUEST_TIMEOUT: 408,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export function statusOf(code: ErrorCode): number {
  return STATUS_OF[code];
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export interface ErrorDetails {
  readonly retryAfterSeconds?: number;
  readonly extra?: Record<string, unknown>;
  /** Further response headers, such as the 401's `WWW-Authenticate` challenge. */
  readonly headers?: Record<string, string>;
}

/** The contract's error body: `{"error":{"code","message","requestId"}}`, plus `order` or `dailyLimit` where relevant. */
export function errorResponse(
  code: ErrorCode,
  message: string,
  requestId: string,
  details: ErrorDetails = {},
) {
  const headers: Record<string, string> = {
    ...details.headers,
    ...(details.retryAfterSeconds === undefined ? {} : { 'retry-after': String(details.retryAfterSeconds) }),
  };
  return json(statusOf(code), { error: { code, message, requestId }, ...details.extra }, headers);
}

/** A command's outcome as HTTP: 201 with the result, or the rejection's 4xx; replays say so. */
export function outcomeResponse({ outcome, replayed }: Executed): HttpResult {
  const response =
    outcome.status === 'completed'
      ? json(201, outcome.result)
      : errorResponse(outcome.code, outcome.message, outcome.requestId, {
          extra: {
            ...(outcome.order ? { order: outcome.order } : {}),
            ...(outcome.dailyLimit ? { dailyLimit: outcome.dailyLimit } : {}),
          },
        });
  if (replayed) response.headers = { ...response.headers, 'idempotent-replayed': 'true' };
  return response;
}
