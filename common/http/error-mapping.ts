import type { Logger } from '@aws-lambda-powertools/logger';
import { DomainError, LeaseLostError } from '../errors';
import { errorResponse } from './responses';
import type { HttpResult } from './types';

/**
 * Failures that mean "storage is busy or unreachable, nothing was applied": the client should retry.
 * A lost lease lands here too: the fence refused the write, so nothing changed.
 */
const TRANSIENT_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'TransactionCanceledException',
  LeaseLostError.name,
  'StorageUnreachableError',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

function isTransient(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  return (
    (name !== undefined && TRANSIENT_ERRORS.has(name)) || (code !== undefined && NETWORK_CODES.has(code))
  );
}

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
  if (isTransient(error)) {
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
