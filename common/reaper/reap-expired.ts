import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LockedError } from '../errors';
import { type LeasedStep, runUnderLease } from '../lease/run-under-lease';
import { acquireUserLock } from '../lease/user-lock';
import { logger } from '../observability/logger';
import { documentClient, tableName } from '../storage/client';
import { tableSchema } from '../storage/table-schema';
import type { StoredItem } from '../storage/transact';

export interface ReapReport {
  /** Items whose deadline had passed, as the index listed them. */
  readonly found: number;
  readonly expired: number;
  /** Resolved meanwhile by their own flow; the index lags the table. */
  readonly alreadyResolved: number;
  /** The user's lock was busy; the next run tries again. */
  readonly skipped: number;
  readonly errors: number;
}

export type ReapResult = 'expired' | 'alreadyResolved' | 'skipped';

/** What one reaper pass resolves: the index partition it lists, and how one listed item is expired. */
export interface Reapable<T> {
  /** The `pendingPk` value under which the index lists these items, sorted by deadline. */
  readonly pendingPk: string;
  /** For logs: "order", "hold". */
  readonly noun: string;
  readonly fromItem: (item: StoredItem) => T;
  /** Identifies an item in logs. */
  readonly describe: (listed: T) => Record<string, unknown>;
  readonly reap: (listed: T) => Promise<ReapResult>;
}

const PAGE_SIZE = 50;
/** Bounds one run; whatever is left is the next run's. */
const MAX_ITEMS_PER_RUN = 500;

/**
 * One reaper pass: lists the items whose deadline is before now on the sparse `pending-orders` index
 * (never a scan) and expires each, counting what happened. The index is eventually consistent, so
 * each `reap` decides on a consistent read and a condition in its own transaction.
 */
export async function reapExpired<T>(reapable: Reapable<T>): Promise<ReapReport> {
  const counts = { found: 0, expired: 0, alreadyResolved: 0, skipped: 0, errors: 0 };
  for await (const listed of expiredItems(reapable)) {
    counts.found++;
    try {
      counts[await reapable.reap(listed)]++;
    } catch (error) {
      counts.errors++;
      logger.error(`could not reap ${reapable.noun}`, {
        ...reapable.describe(listed),
        error: error as Error,
      });
    }
  }
  if (counts.found > 0) logger.info(`reaped expired ${reapable.noun}s`, counts);
  return counts;
}

async function* expiredItems<T>(reapable: Reapable<T>): AsyncGenerator<T> {
  const index = tableSchema.pendingOrdersIndex;
  let startKey: Record<string, unknown> | undefined;
  let listed = 0;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pending AND #sk < :now',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pending': reapable.pendingPk, ':now': new Date().toISOString() },
        Limit: PAGE_SIZE,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (listed++ >= MAX_ITEMS_PER_RUN) return;
      yield reapable.fromItem(item);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * Runs `attempt` under a brief 'recovery' lease on the user, taken without waiting: a busy user is
 * skipped, and the next run tries again.
 */
export async function underRecoveryLease(
  userId: string,
  attempt: (step: LeasedStep) => Promise<ReapResult>,
): Promise<ReapResult> {
  let lease: Awaited<ReturnType<typeof acquireUserLock>>;
  try {
    lease = await acquireUserLock(userId, 'recovery', { waitBudgetMs: 0 });
  } catch (error) {
    if (error instanceof LockedError) return 'skipped';
    throw error;
  }
  return runUnderLease(lease, attempt);
}
