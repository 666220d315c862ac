import type { Logger } from '@aws-lambda-powertools/logger';
import { DomainError } from '../errors';
import { isTransientFailure } from '../failures/transient-failures';
import { errorResponse } from './responses';
import type { HttpResult } from './types';

/**
 * The one place where failures become HTTP: domain errors map to their contract codes, transient
 * storage failures to 503 with Retry-After, and anything else to a bare 500 whose details are logged
 * and never returned.
 */
export function errorToResponse(error: unknown, requestId: string, log: Logger): HttpResult {
  if (error instanceof DomainError) {
    return errorResponse(error.code, error.message, requestId, {
      retryAfterSeconds: error.retryAfterSeconds,
      extra: error.extra,
    });
  }
  if (isTransientFailure(error)) {
    log.warn('transient storage failure', { error: error as Error });
    return errorResponse(
      'UNAVAILABLE',
      'Storage is busy or unreachable. Retry after the time in Retry-After; with the same Idempotency-Key, a retry takes effect at most once.',
      requestId,
      {
        retryAfterSeconds: 1,
      },
    );
  }
  log.error('unexpected failure', { error: error as Error });
  return errorResponse(
    'INTERNAL',
    'Internal error. Quote the requestId if it persists; with the same Idempotency-Key, a retry takes effect at most once.',
    requestId,
  );
}
