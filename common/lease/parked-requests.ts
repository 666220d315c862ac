import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../storage/client';
import { SK_PREFIX, userPk } from '../storage/keys';
import { listPendingIndex } from '../storage/pending-index';
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
export interface ParkedRequest {
  /** The owner of the lease its poster holds while it waits. */
  readonly heldBy: string;
  readonly request: StoredItem;
}

export type ParkedRequests = ReadonlyMap<string, ParkedRequest>;

const index = tableSchema.pendingOrdersIndex;
const parkedKey = (userId: string, id: string) => ({ pk: userPk(userId), sk: `${SK_PREFIX.parked}${id}` });
const parkedIndexPk = (userId: string): string => `${SK_PREFIX.parked}${userId}`;
/** Long past any poster's wait; TTL clears the item some time after. */
const PARKED_TTL_SECONDS = 3_600;
const STILL_PARKED = `attribute_exists(${index.partitionKey})`;
const OUT_OF_INDEX = `REMOVE ${index.partitionKey}, ${index.sortKey}`;

/**
 * Leaves `request` parked at the user's lock under `id`, listed oldest first. `heldBy` is the
 * owner of the lease the poster holds while it waits: the request lives and dies with that lease.
 * An item parked under the same id before is replaced, whatever its state, unless `onlyOnce` is
 * set: a poster that holds the lease the id belongs to knows an earlier attempt's lease is gone, and
 * with it any way to apply that attempt (the applying transaction is fenced on it). A poster that
 * holds no lease (ADR 0015) sets `onlyOnce`, and false means a request is parked under the id now.
 */
export async function parkRequest(
  userId: string,
  id: string,
  heldBy: string,
  request: StoredItem,
  onlyOnce = false,
): Promise<boolean> {
  const now = new Date();
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...parkedKey(userId, id),
          heldBy,
          request,
          [index.partitionKey]: parkedIndexPk(userId),
          [index.sortKey]: `${now.toISOString()}#${id}`,
          expiresAt: Math.floor(now.getTime() / 1000) + PARKED_TTL_SECONDS,
        },
        ...(onlyOnce ? { ConditionExpression: `attribute_not_exists(${index.partitionKey})` } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (onlyOnce && isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/**
 * Takes a parked request back: its poster giving up, or a holder retiring one whose poster's lease
 * is gone. Conditioned on `heldBy`, so it never takes back a later attempt parked under the same
 * id. False when it is no longer parked so: a holder applied it first, or it was replaced.
 */
export async function unparkRequest(userId: string, id: string, heldBy: string): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: parkedKey(userId, id),
        UpdateExpression: `SET takenBackAt = :now ${OUT_OF_INDEX}`,
        ConditionExpression: `${STILL_PARKED} AND heldBy = :heldBy`,
        ExpressionAttributeValues: { ':now': new Date().toISOString(), ':heldBy': heldBy },
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
  const items = await listPendingIndex(parkedIndexPk(userId));
  return new Map(
    items.map((item) => [
      String(item.sk).slice(SK_PREFIX.parked.length),
      { heldBy: String(item.heldBy), request: item.request as StoredItem },
    ]),
  );
}

/**
 * The applying transaction's part for one parked request: out of the index, on condition it is
 * still in, parked under the lease `heldBy` the transaction is fenced on.
 */
export function appliedParkedUpdate(userId: string, id: string, heldBy: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: parkedKey(userId, id),
      UpdateExpression: `SET appliedAt = :now ${OUT_OF_INDEX}`,
      ConditionExpression: `${STILL_PARKED} AND heldBy = :heldBy`,
      ExpressionAttributeValues: { ':now': new Date().toISOString(), ':heldBy': heldBy },
    },
  };
}
