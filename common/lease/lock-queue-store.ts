import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../storage/client';
import { keys } from '../storage/keys';
import { isConditionalCheckFailure } from '../storage/transact';
import { type LockState, lockStateFromItem } from './lock-queue';

/**
 * A write to the lock item while the holder's fenced transaction is in flight on it is refused with
 * TransactionConflictException (DynamoDB Local never raises it; AWS does). The SDK does not retry it;
 * the waiter does, since nothing was written.
 */
export const isTransactionConflict = (error: unknown): boolean =>
  (error as Error | undefined)?.name === 'TransactionConflictException';

const CONFLICT_ATTEMPTS = 4;
const CONFLICT_PAUSE_MS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function retryingConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
      await sleep(CONFLICT_PAUSE_MS * attempt);
    }
  }
}

/** Everything a waiter decides on; the balance snapshot stays behind, so a look stays small. */
const LOOK_PROJECTION = [
  'pk',
  'expiresAt',
  'fence',
  'holderKey',
  'waitsFor',
  'ticketsIssued',
  'servedThrough',
  'withdrawn',
  'freeFromMs',
  'acquiredAtMs',
  'lastHoldMs',
] as const;

/**
 * Joins the queue: one unconditional increment of `ticketsIssued`, whose new value is the ticket.
 * Undefined when the lock item is gone (TTL deleted it): the lock is free and there is no queue.
 */
export async function takeLockTicket(
  userId: string,
): Promise<{ ticket: number; state: LockState } | undefined> {
  try {
    const { Attributes } = await retryingConflicts(() =>
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.lock(userId),
          UpdateExpression:
            'SET ticketsIssued = if_not_exists(ticketsIssued, :zero) + :one, servedThrough = if_not_exists(servedThrough, :zero)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    const state = lockStateFromItem(Attributes);
    return { ticket: state.ticketsIssued, state };
  } catch (error) {
    if (isConditionalCheckFailure(error)) return undefined;
    throw error;
  }
}

/** A waiter's look at the lock: one strongly consistent GetItem, a read unit where a retried write was a write unit. */
export async function readLockState(userId: string): Promise<LockState> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.lock(userId),
      ConsistentRead: true,
      ProjectionExpression: LOOK_PROJECTION.map((_, index) => `#a${index}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(
        LOOK_PROJECTION.map((name, index) => [`#a${index}`, name]),
      ),
    }),
  );
  return lockStateFromItem(Item);
}

/**
 * Leaves the queue: the ticket joins `withdrawn`, so the waiters behind it need not wait out the
 * grace for it. Best effort: if this write is lost, the grace passes the ticket over all the same.
 */
export async function withdrawLockTicket(userId: string, ticket: number): Promise<void> {
  try {
    await retryingConflicts(() =>
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.lock(userId),
          UpdateExpression: 'ADD withdrawn :ticket',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':ticket': new Set([ticket]) },
        }),
      ),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error) && !isTransactionConflict(error)) throw error;
  }
}
