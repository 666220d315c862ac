import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors';
import { isUlid } from '../ids/ulid';
import { documentClient, tableName } from './client';
import { userPk } from './keys';
import type { StoredItem } from './transact';

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * A cursor names the last sort key of a page and the user it was made for. Queries never leave the
 * caller's own partition, so a cursor needs no secret; it is still checked on the way back in, so one
 * that was tampered with, or belongs to another user or list, is a 400 rather than a silent page.
 */
const userTag = (userId: string): string =>
  createHash('sha256').update(userId).digest('base64url').slice(0, 16);

function decodeCursor(cursor: string, userId: string, prefix: string): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { u, sk } = (decoded ?? {}) as { u?: unknown; sk?: unknown };
  const valid =
    u === userTag(userId) &&
    typeof sk === 'string' &&
    sk.startsWith(prefix) &&
    isUlid(sk.slice(prefix.length));
  if (!valid)
    throw new ValidationError('cursor is not valid: pass the nextCursor of a previous page unchanged.');
  return sk as string;
}

const encodeCursor = (userId: string, sortKey: string): string =>
  Buffer.from(JSON.stringify({ u: userTag(userId), sk: sortKey })).toString('base64url');

/** Newest first: sort keys under `prefix` are time-ordered ids. */
export async function queryUserItems<T>(
  userId: string,
  prefix: string,
  page: PageRequest,
  map: (item: StoredItem) => T,
): Promise<Page<T>> {
  const pk = userPk(userId);
  const startKey = page.cursor ? { pk, sk: decodeCursor(page.cursor, userId, prefix) } : undefined;
  const { Items = [], LastEvaluatedKey } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const lastSortKey = LastEvaluatedKey?.sk;
  return {
    items: Items.map(map),
    nextCursor:
      typeof lastSortKey === 'string' && Items.length === page.limit
        ? encodeCursor(userId, lastSortKey)
        : null,
  };
}
