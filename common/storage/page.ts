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

/** Only the items whose `attribute` equals `value`, such as the orders whose status is OPEN. */
export interface ItemFilter {
  readonly attribute: string;
  readonly value: string;
}

/** Newest first: sort keys under `prefix` are time-ordered ids. */
export async function queryUserItems<T>(
  userId: string,
  prefix: string,
  page: PageRequest,
  map: (item: StoredItem) => T,
  filter?: ItemFilter,
): Promise<Page<T>> {
  if (filter) return queryFilteredUserItems(userId, prefix, page, map, filter);
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

/**
 * A filtered page, read as a filtered Query of the user's own partition rather than from an index:
 * one user's items are few, and an index per filter would cost every write. DynamoDB applies `Limit`
 * before the filter, so pages are read until `limit` items matched or the partition ends; the cursor
 * names the last item returned, so the next page starts right after it.
 */
async function queryFilteredUserItems<T>(
  userId: string,
  prefix: string,
  page: PageRequest,
  map: (item: StoredItem) => T,
  filter: ItemFilter,
): Promise<Page<T>> {
  const pk = userPk(userId);
  let startKey: Record<string, unknown> | undefined = page.cursor
    ? { pk, sk: decodeCursor(page.cursor, userId, prefix) }
    : undefined;
  const matched: StoredItem[] = [];
  let more = true;
  while (more && matched.length < page.limit) {
    const {
      Items = [],
      LastEvaluatedKey,
    }: { Items?: StoredItem[]; LastEvaluatedKey?: Record<string, unknown> } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: '#filtered = :value',
        ExpressionAttributeNames: { '#filtered': filter.attribute },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix, ':value': filter.value },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const room = page.limit - matched.length;
    matched.push(...Items.slice(0, room));
    more = Items.length > room || LastEvaluatedKey !== undefined;
    startKey = LastEvaluatedKey;
  }
  const lastSortKey = matched.at(-1)?.sk;
  return {
    items: matched.map(map),
    nextCursor: more && typeof lastSortKey === 'string' ? encodeCursor(userId, lastSortKey) : null,
  };
}
