import { NotFoundError } from '../errors';
import type { IdempotencyRequest } from '../idempotency/idempotency-record';
import { isUlid } from '../ids/ulid';
import { idempotencyOf } from './request';
import type { HttpEvent } from './types';

/** Hold ids are ULIDs: anything else cannot name a hold, so it is simply not found. */
export function holdIdOf(event: HttpEvent): string {
  const holdId = event.pathParameters?.holdId ?? '';
  if (!isUlid(holdId))
    throw new NotFoundError('There is no hold with that id between this account and another.');
  return holdId;
}

/** The key's fingerprint covers the hold the path names, so one key cannot serve two holds. */
export function holdIdempotencyOf(
  event: HttpEvent,
  holdId: string,
  raw: unknown,
): IdempotencyRequest | undefined {
  return idempotencyOf(event, { holdId, body: raw });
}
