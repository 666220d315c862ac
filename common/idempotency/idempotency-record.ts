import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { IdempotencyInProgressError, IdempotencyKeyReusedError } from '../errors';
import { NumberLiteral } from '../money/number-literal';
import { recordReplay } from '../observability/metrics';
import type { Executed, Outcome } from '../outcomes/outcome';
import { documentClient, tableName } from '../storage/client';
import { keys } from '../storage/keys';
import { readInt } from '../storage/numbers';
import type { StoredItem, TransactItem } from '../storage/transact';

/**
 * Idempotency, atomic with the effect.
 *
 * Powertools' idempotency utility writes an "in progress" record, runs the handler, then writes the
 * result: separate writes, so a crash between the effect and the record leaves an applied effect whose
 * key is not recorded, and the retry applies it again. Here the record is one more item in the very
 * transaction that moves the money, so effect and record exist together or not at all. "In progress"
 * needs no record of its own: the user lock carries the holder's key (see user-lock.ts).
 */
export interface IdempotencyRequest {
  readonly key: string;
  /** Hash of route and body; the same key with another fingerprint is a misuse. */
  readonly fingerprint: string;
}

/** Kept for at least 24 hours, as the contract promises; TTL removes them some time after. */
const RETENTION_SECONDS = 25 * 60 * 60;

function canonicalJson(value: unknown): string {
  if (value instanceof NumberLiteral) return value.canonical();
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Same route and same JSON body (whatever its key order or spacing) give the same fingerprint. */
export function fingerprintOf(route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonicalJson(body)}`)
    .digest('hex');
}

/**
 * The record, written in the effect's transaction; it fails if a live record for the key exists.
 * `appliedFor` names the parked request a holder applied (ADR 0015), so its poster can tell its
 * own outcome from an earlier request's with the same key.
 */
export function idempotencyRecordPut(
  userId: string,
  request: IdempotencyRequest,
  outcome: Outcome,
  appliedFor?: string,
): TransactItem {
  const now = Math.floor(Date.now() / 1000);
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.idempotency(userId, request.key),
        ...(appliedFor === undefined ? {} : { appliedFor }),
        fingerprint: request.fingerprint,
        outcome: JSON.stringify(outcome),
        createdAt: new Date().toISOString(),
        expiresAt: now + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': now },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The outcome a record holds. */
export function recordedOutcome(record: StoredItem): Outcome {
  return JSON.parse(String(record.outcome)) as Outcome;
}

/** Turns a stored record into the replayed outcome, or refuses a key reused with another request. */
export function replayOf(record: StoredItem, request: IdempotencyRequest): Executed {
  if (record.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
  recordReplay();
  return { outcome: recordedOutcome(record), replayed: true };
}

/** TTL deletes late; an expired record no longer binds the key. */
export function liveRecord(record: StoredItem | undefined): StoredItem | undefined {
  return record && readInt(record.expiresAt, 0) > Math.floor(Date.now() / 1000) ? record : undefined;
}

export async function findLiveIdempotencyRecord(
  userId: string,
  key: string,
): Promise<StoredItem | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.idempotency(userId, key), ConsistentRead: true }),
  );
  return liveRecord(Item);
}

/**
 * "In progress" means the lock's holder carries this key, but that holder may be another repeat of a
 * request that already finished, busy replaying it. A stored outcome settles it: replay it too.
 * Anything else is returned as undefined, for the caller to rethrow.
 */
export async function replayIfFinished(
  error: unknown,
  userId: string,
  idempotency: IdempotencyRequest | undefined,
): Promise<Executed | undefined> {
  if (!(error instanceof IdempotencyInProgressError && idempotency)) return undefined;
  const record = await findLiveIdempotencyRecord(userId, idempotency.key);
  return record ? replayOf(record, idempotency) : undefined;
}
