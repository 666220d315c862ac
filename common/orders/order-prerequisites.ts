import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { liveRecord } from '../idempotency/idempotency-record';
import { documentClient, tableName } from '../storage/client';
import { keys } from '../storage/keys';
import type { StoredItem } from '../storage/transact';

export interface OrderPrerequisites {
  readonly asset?: StoredItem;
  /** A live idempotency record for the request's key. */
  readonly record?: StoredItem;
  readonly balance?: StoredItem;
}

export interface PrerequisiteRequest {
  readonly userId: string;
  readonly symbol: string;
  readonly idempotencyKey?: string;
  /** Only when the lease brought no snapshot (TTL deleted the lock item); otherwise the snapshot is current. */
  readonly withBalance: boolean;
}

/** A few retries for keys DynamoDB left unprocessed under load; each is one more round trip. */
const MAX_ROUNDS = 4;
const BACKOFF_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Everything an order needs read before it starts, in one consistent BatchGetItem: the asset's price,
 * the idempotency record of a keyed request (read under the lock, so it cannot appear meanwhile), and
 * the balance when the lease has no snapshot of it.
 */
export async function readOrderPrerequisites(request: PrerequisiteRequest): Promise<OrderPrerequisites> {
  const { userId } = request;
  const wanted = [
    keys.asset(request.symbol),
    ...(request.idempotencyKey ? [keys.idempotency(userId, request.idempotencyKey)] : []),
    ...(request.withBalance ? [keys.balance(userId)] : []),
  ];
  const found: StoredItem[] = [];
  let pending: Record<string, unknown>[] = wanted;
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_ROUNDS) throw new Error('BatchGetItem left keys unprocessed after retries');
    if (round > 0) await sleep(Math.random() * BACKOFF_MS * 2 ** round);
    const { Responses, UnprocessedKeys } = await documentClient().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
    );
    found.push(...(Responses?.[tableName()] ?? []));
    pending = UnprocessedKeys?.[tableName()]?.Keys ?? [];
  }
  const bySortKey = (pk: string, sk: string) => found.find((item) => item.pk === pk && item.sk === sk);
  const recordKey = request.idempotencyKey ? keys.idempotency(userId, request.idempotencyKey) : undefined;
  const record = recordKey ? bySortKey(recordKey.pk, recordKey.sk) : undefined;
  const balanceKey = keys.balance(userId);
  const assetKey = keys.asset(request.symbol);
  return {
    asset: bySortKey(assetKey.pk, assetKey.sk),
    record: liveRecord(record),
    balance: bySortKey(balanceKey.pk, balanceKey.sk),
  };
}
