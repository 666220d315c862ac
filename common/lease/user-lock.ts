import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { BalanceState } from '../accounts/balance-state';
import { balanceFromItem, balanceToAttributes } from '../accounts/balance-store';
import { IdempotencyInProgressError, LockedError } from '../errors';
import { recordLockWait } from '../observability/metrics';
import { documentClient, tableName } from '../storage/client';
import { keys } from '../storage/keys';
import { readInt } from '../storage/numbers';
import { isConditionalCheckFailure, type StoredItem, type TransactItem } from '../storage/transact';
import { LEASE_SECONDS, type LeasePurpose, LOCK_WAIT_BUDGET_MS } from './lease-durations';

/**
 * The per-user lock: one item (`USER#id` / `LOCK`) taken by a conditional write.
 *
 * - `expiresAt` (epoch seconds) is the table's TTL attribute, but TTL deletes days late, so every
 *   condition compares it with the clock instead of trusting deletion.
 * - `fence` increases with every acquisition. Writes made under the lock carry a condition on owner,
 *   fence and expiry in the same transaction (`fencedLockWrite`), so a holder that paused past its lease
 *   can change nothing once someone else has taken the lock: the storage itself enforces the fence.
 * - `snapshot` is the balance state as of the last fenced write. Every balance change is such a write,
 *   so acquiring returns the state the operation needs without another read. It is a cache the balance
 *   item's version check verifies; when TTL has deleted the lock item it is simply absent.
 */
export interface Lease {
  readonly userId: string;
  readonly owner: string;
  readonly fence: number;
  readonly expiresAt: number;
  readonly snapshot?: BalanceState;
}

export interface AcquireOptions {
  /** Marks the lock with the request's idempotency key, so a duplicate can answer "in progress". */
  readonly holderKey?: string;
  readonly waitBudgetMs?: number;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 200;

/**
 * A deleted lock item restarts its fence from this seed. Microseconds since the epoch exceed any
 * fence the deleted item reached: that would need more than one acquisition per microsecond for the
 * item's whole life, and every acquisition is a network round trip.
 */
const fenceSeed = (): number => Date.now() * 1000;

function leaseFromItem(userId: string, item: StoredItem): Lease {
  return {
    userId,
    owner: String(item.owner),
    fence: readInt(item.fence),
    expiresAt: readInt(item.expiresAt),
    snapshot: item.snapshot ? balanceFromItem(item.snapshot as StoredItem) : undefined,
  };
}

async function tryAcquire(
  userId: string,
  purpose: LeasePurpose,
  holderKey: string | undefined,
): Promise<{ lease: Lease } | { holder: StoredItem | undefined }> {
  const now = Date.now();
  const owner = randomUUID();
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.lock(userId),
        UpdateExpression: `SET #owner = :owner, expiresAt = :expiresAt, fence = if_not_exists(fence, :seed) + :one${
          holderKey ? ', holderKey = :holderKey' : ''
        }${holderKey ? '' : ' REMOVE holderKey'}`,
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':owner': owner,
          ':expiresAt': Math.floor(now / 1000) + LEASE_SECONDS[purpose],
          ':seed': fenceSeed(),
          ':one': 1,
          ':now': Math.floor(now / 1000),
          ...(holderKey ? { ':holderKey': holderKey } : {}),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { lease: leaseFromItem(userId, Attributes ?? {}) };
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    return { holder: error.Item ? unmarshall(error.Item, { wrapNumbers: true }) : undefined };
  }
}

/**
 * Takes the user's lock, waiting with jittered exponential backoff for at most the wait budget.
 * Throws LockedError when the budget runs out, or IdempotencyInProgressError when the holder is a
 * request with the same idempotency key.
 */
export async function acquireUserLock(
  userId: string,
  purpose: LeasePurpose,
  options: AcquireOptions = {},
): Promise<Lease> {
  const started = Date.now();
  const deadline = started + (options.waitBudgetMs ?? LOCK_WAIT_BUDGET_MS);
  let foundHeld = 0;
  try {
    for (let attempt = 0; ; attempt++) {
      const result = await tryAcquire(userId, purpose, options.holderKey);
      if ('lease' in result) return result.lease;
      foundHeld++;
      if (options.holderKey && result.holder?.holderKey === options.holderKey) {
        throw new IdempotencyInProgressError();
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const heldUntil = result.holder ? readInt(result.holder.expiresAt, 0) : 0;
        throw new LockedError(heldUntil - nowSeconds());
      }
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      await sleep(Math.min(remaining, Math.random() * ceiling));
    }
  } finally {
    // Given up or not: a wait that ended in LOCKED is the one worth seeing.
    recordLockWait(Date.now() - started, foundHeld);
  }
}

const FENCE_CONDITION = '#owner = :owner AND fence = :fence AND expiresAt > :now';

/**
 * The lock's part in a transaction made under it: the fence condition, the new balance snapshot, and,
 * when `release` is set, the release itself, folded into the committing write.
 */
export function fencedLockWrite(lease: Lease, after: BalanceState, release: boolean): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.lock(lease.userId),
      UpdateExpression: release
        ? 'SET #snapshot = :snapshot, expiresAt = :now REMOVE #owner, holderKey'
        : 'SET #snapshot = :snapshot',
      ConditionExpression: FENCE_CONDITION,
      ExpressionAttributeNames: { '#owner': 'owner', '#snapshot': 'snapshot' },
      ExpressionAttributeValues: {
        ':snapshot': balanceToAttributes(after),
        ':owner': lease.owner,
        ':fence': lease.fence,
        ':now': nowSeconds(),
      },
    },
  };
}

/**
 * Releases the lock if this lease still holds it. A release by anyone else, or after someone else
 * took the lock, is a no-op by condition. Returns whether it released.
 */
export async function releaseUserLock(lease: Pick<Lease, 'userId' | 'owner' | 'fence'>): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.lock(lease.userId),
        UpdateExpression: 'SET expiresAt = :now REMOVE #owner, holderKey',
        ConditionExpression: '#owner = :owner AND fence = :fence',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': lease.owner, ':fence': lease.fence, ':now': nowSeconds() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
