import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../storage/client';
import { SK_PREFIX, userPk } from '../storage/keys';
import { tableSchema } from '../storage/table-schema';
import { isConditionalCheckFailure, type StoredItem, type TransactItem } from '../storage/transact';

/**
 * Requests parked at a busy lock: flat combining (Hendler, Incze, Shavit and Tzafrir, 2010), kept
 * in the table. A request whose work any holder of the lock can do is left as an item beside the
 * lock (`USER#<id>` / `PARKED#<request id>`) instead of queueing for the lock; whoever holds the
 * lock next applies every request parked there in one fenced transaction of its own, so one hold
 * serves many requests where the ticket queue served one.
 *
 * While parked, the item is listed in the sparse `pending-orders` index under `PARKED#<id>`. The
 * applying transaction takes it out of the index, on condition that it is still in it, and a poster
 * that gives up takes it out the same way: one of the two wins, never both. The item is updated,
 * never deleted, so no function needs to delete anything in the ledger's table; TTL clears it.
 * The index is eventually consistent in AWS: a holder may list a request already applied (its
 * condition refuses it) or miss one parked a moment ago (the next listing finds it).
 *
 * This module knows nothing of what a parked request does; each is an opaque map the holder reads.
 */
export type ParkedRequests = ReadonlyMap<string, StoredItem>;

const index = tableSchema.pendingOrdersIndex;
const parkedKey = (userId: string, id: string) => ({ pk: userPk(userId), sk: `${SK_PREFIX.parked}${id}` });
const parkedIndexPk = (userId: string): string => `${SK_PREFIX.parked}${userId}`;
/** Long past any poster's wait; TTL clears the item some time after. */
const PARKED_TTL_SECONDS = 3_600;
const STILL_PARKED = `attribute_exists(${index.partitionKey})`;
const OUT_OF_INDEX = `REMOVE ${index.partitionKey}, ${index.sortKey}`;

/**
 * Leaves `request` parked at the user's lock under `id`, listed oldest first. False when a request
 * with this id is parked now (the same request, sent twice); one applied or taken back before is
 * replaced, and its sender learns the earlier outcome from the key's record.
 */
export async function parkRequest(userId: string, id: string, request: StoredItem): Promise<boolean> {
  const now = new Date();
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...parkedKey(userId, id),
          request,
          [index.partitionKey]: parkedIndexPk(userId),
          [index.sortKey]: `${now.toISOString()}#${id}`,
          expiresAt: Math.floor(now.getTime() / 1000) + PARKED_TTL_SECONDS,
        },
        ConditionExpression: `attribute_not_exists(pk) OR NOT ${STILL_PARKED}`,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** Takes a parked request back. False when it is no longer parked: a holder applied it first. */
export async function unparkRequest(userId: string, id: string): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: parkedKey(userId, id),
        UpdateExpression: `SET takenBackAt = :now ${OUT_OF_INDEX}`,
        ConditionExpression: STILL_PARKED,
        ExpressionAttributeValues: { ':now': new Date().toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** The requests parked at the user's lock, by id, as the index lists them. */
export async function listParkedRequests(userId: string): Promise<ParkedRequests> {
  const parked = new Map<string, StoredItem>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :parked',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':parked': parkedIndexPk(userId) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      parked.set(String(item.sk).slice(SK_PREFIX.parked.length), item.request as StoredItem);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return parked;
}

/** The applying transaction's part for one parked request: out of the index, on condition it is still in. */
export function appliedParkedUpdate(userId: string, id: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: parkedKey(userId, id),
      UpdateExpression: `SET appliedAt = :now ${OUT_OF_INDEX}`,
      ConditionExpression: STILL_PARKED,
      ExpressionAttributeValues: { ':now': new Date().toISOString() },
    },
  };
}
