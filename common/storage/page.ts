import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors';
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
 * A cursor is the last sort key of a page, base64url-encoded. It is checked on the way back in: one
 * that was tampered with, or that points outside this user's items of this kind, is a 400, never a
 * query into someone else's partition.
 */
function decodeCursor(cursor: string, prefix: string): string {
  let sortKey: unknown;
  try {
    sortKey = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    sortKey = undefined;
  }
  if (typeof sortKey !== 'string' || !sortKey.startsWith(prefix) || sortKey.length > 200) {
    throw new ValidationError('cursor is not valid: pass the nextCursor of a previous page unchanged.');
  }
  return sortKey;
}

const encodeCursor = (sortKey: string): string => Buffer.from(JSON.stringify(sortKey)).toString('base64url');

/** Newest first: sort keys under `prefix` are time-ordered ids. */
export async function queryUserItems<T>(
  userId: string,
  prefix: string,
  page: PageRequest,
  map: (item: StoredItem) => T,
): Promise<Page<T>> {
  const pk = userPk(userId);
  const startKey = page.cursor ? { pk, sk: decodeCursor(page.cursor, prefix) } : undefined;
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
      typeof lastSortKey === 'string' && Items.length === page.limit ? encodeCursor(lastSortKey) : null,
  };
}
