import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from '../../common/ids/ulid';
import { documentClient, tableName } from '../../common/storage/client';
import { readBigInt } from '../../common/storage/numbers';

/**
 * BENCHMARK BASELINE ONLY: never imported by the product.
 *
 * The design reference implementations use for a per-user balance, and the one lockstep is measured
 * against: five sequential round trips for one deposit.
 * 1. take a lock item with a plain PutItem (attribute_not_exists);
 * 2. read the balance with GetItem;
 * 3. overwrite the balance with PutItem;
 * 4. append the ledger entry with a separate PutItem;
 * 5. release the lock with DeleteItem.
 * Same table as lockstep, under its own `BASELINE#` partition keys, so both pay the same storage.
 * Its weaknesses (a crash between 3 and 4 loses the ledger line; a holder that pauses past the
 * lock's life can overwrite a newer balance) are why lockstep is built otherwise; only speed is
 * compared here.
 */
const LOCK_SECONDS = 10;
const WAIT_BUDGET_MS = 5_000;
const BACKOFF_CAP_MS = 200;

const baselinePk = (userId: string): string => `BASELINE#${userId}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isConditionFailure = (error: unknown): boolean =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

async function takeLock(pk: string, owner: string): Promise<void> {
  const deadline = Date.now() + WAIT_BUDGET_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: tableName(),
          Item: { pk, sk: 'LOCK', owner, expiresAt: Math.floor(Date.now() / 1000) + LOCK_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error) || Date.now() >= deadline) throw error;
      await sleep(Math.random() * Math.min(BACKOFF_CAP_MS, 10 * 2 ** attempt));
    }
  }
}

/** Returns the balance after the deposit, in cents. */
export async function baselineDeposit(userId: string, amountCents: bigint): Promise<bigint> {
  const pk = baselinePk(userId);
  const owner = randomUUID();
  await takeLock(pk, owner);
  try {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk, sk: 'BALANCE' }, ConsistentRead: true }),
    );
    const balanceAfter = readBigInt(Item?.cash, 0n) + amountCents;
    const createdAt = new Date().toISOString();
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk, sk: 'BALANCE', cash: balanceAfter, updatedAt: createdAt },
      }),
    );
    const id = ulid();
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk,
          sk: `TX#${id}`,
          id,
          type: 'DEPOSIT',
          asset: 'USD',
          amount: amountCents,
          balanceAfter,
          createdAt,
        },
      }),
    );
    return balanceAfter;
  } finally {
    await documentClient().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: { pk, sk: 'LOCK' },
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  }
}
