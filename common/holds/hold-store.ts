import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../storage/client';
import { keys, PENDING_HOLD_PK, SK_PREFIX } from '../storage/keys';
import { readBigInt } from '../storage/numbers';
import { type Page, type PageRequest, queryUserItems } from '../storage/page';
import type { StoredItem, TransactItem } from '../storage/transact';
import { type Hold, type HoldPurpose, type HoldStatus, partiesOf, payeeOf } from './hold';

/**
 * The hold item, `HOLD#<holdId>` / `HOLD`, decides; each party's copy, `USER#<id>` / `HOLD#<holdId>`,
 * serves its lists and is rewritten in every transaction that changes the hold, so it is never stale.
 * While PENDING the hold item carries the `pending-orders` index keys, sorted by expiry, for the reaper.
 *
 * The expiry is stored as `holdExpiresAt`, ISO text: `expiresAt` is the table's TTL attribute, and a
 * hold is a financial record that must never be deleted.
 */
const NOT_EXPIRED = 'holdExpiresAt > :now';
const EXPIRED = 'holdExpiresAt <= :now';

function holdAttributes(hold: Hold) {
  return {
    holdId: hold.holdId,
    userId: hold.userId,
    asset: hold.asset,
    amount: hold.amount,
    captured: hold.captured,
    status: hold.status,
    ...hold.purpose,
    holdExpiresAt: hold.expiresAt,
    createdAt: hold.createdAt,
    updatedAt: hold.updatedAt,
  };
}

function purposeOf(item: StoredItem): HoldPurpose {
  if (typeof item.payee === 'string') return { payee: item.payee };
  return { orderId: String(item.orderId) };
}

export function holdFromItem(item: StoredItem): Hold {
  return {
    holdId: String(item.holdId),
    userId: String(item.userId),
    asset: String(item.asset),
    amount: readBigInt(item.amount),
    captured: readBigInt(item.captured, 0n),
    status: item.status as HoldStatus,
    purpose: purposeOf(item),
    expiresAt: String(item.holdExpiresAt),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

/** ISO expiry first, so `pendingSk < now` selects the expired; the id makes it unique. */
const pendingSortKey = (hold: Hold): string => `${hold.expiresAt}#${hold.holdId}`;

/** A hold for an order is listed with its order, so only a hold between two users has copies. */
const copyPuts = (hold: Hold): TransactItem[] =>
  (payeeOf(hold) === undefined ? [] : partiesOf(hold)).map((userId) => ({
    Put: { TableName: tableName(), Item: { ...keys.holdCopy(userId, hold.holdId), ...holdAttributes(hold) } },
  }));

/** Creates the hold, once, with a copy for each party. */
export function newHoldPuts(hold: Hold): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.hold(hold.holdId),
          ...holdAttributes(hold),
          pendingPk: PENDING_HOLD_PK,
          pendingSk: pendingSortKey(hold),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    ...copyPuts(hold),
  ];
}

/**
 * Resolves a PENDING hold, and rewrites its copies. Capture and void need it unexpired, expiry needs
 * it expired, both by the writer's clock in the condition itself: so capture, void and the reaper
 * exclude each other, whichever lands first decides, and no capture lands after `expiresAt` even
 * when the reaper has not run. A refusal hands back the hold as stored (ALL_OLD).
 */
export function resolveHoldWrites(resolved: Hold, when: 'unexpired' | 'expired'): TransactItem[] {
  return [
    {
      Update: {
        TableName: tableName(),
        Key: keys.hold(resolved.holdId),
        UpdateExpression:
          'SET #status = :status, captured = :captured, updatedAt = :updatedAt REMOVE pendingPk, pendingSk',
        ConditionExpression: `#status = :pending AND ${when === 'unexpired' ? NOT_EXPIRED : EXPIRED}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': resolved.status,
          ':captured': resolved.captured,
          ':updatedAt': resolved.updatedAt,
          ':pending': 'PENDING',
          ':now': new Date().toISOString(),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    ...copyPuts(resolved),
  ];
}

/** For a refusal that changes nothing but was judged on a PENDING, unexpired hold. */
export function holdPendingCheck(hold: Pick<Hold, 'holdId'>): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.hold(hold.holdId),
      ConditionExpression: `#status = :pending AND ${NOT_EXPIRED}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'PENDING', ':now': new Date().toISOString() },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

export async function readHold(holdId: string): Promise<Hold | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.hold(holdId), ConsistentRead: true }),
  );
  return Item ? holdFromItem(Item) : undefined;
}

/** The holds a user placed or is the payee of, newest first. */
export function listHoldsOf(userId: string, page: PageRequest): Promise<Page<Hold>> {
  return queryUserItems(userId, SK_PREFIX.hold, page, holdFromItem);
}
