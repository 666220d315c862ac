import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Side } from '../money/trade-total';
import { documentClient, tableName } from '../storage/client';
import { keys, PENDING_PK } from '../storage/keys';
import { readBigInt, readInt } from '../storage/numbers';
import type { StoredItem, TransactItem } from '../storage/transact';
import type { LimitTerms, Order, OrderStatus } from './order';

/**
 * The order item, `USER#<id>` / `ORDER#<orderId>`. While PENDING it carries the sparse keys of the
 * `pending-orders` index, sorted by the time its lease expires, so the reaper finds exactly the
 * orders whose flow can no longer finish by querying for keys below "now".
 */
export function orderFromItem(item: StoredItem): Order {
  return {
    orderId: String(item.orderId),
    userId: String(item.userId),
    side: item.side as Side,
    asset: String(item.asset),
    quantity: readBigInt(item.quantity),
    price: readBigInt(item.price),
    total: readBigInt(item.total),
    status: item.status as OrderStatus,
    failureReason: typeof item.failureReason === 'string' ? item.failureReason : undefined,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    lockFence: readInt(item.lockFence),
    limit: limitTermsOf(item),
  };
}

/**
 * A limit order's expiry is stored as `orderExpiresAt`: `expiresAt` is the table's TTL attribute,
 * and an order is a financial record that must never be deleted.
 */
function limitTermsOf(item: StoredItem): LimitTerms | undefined {
  if (item.type !== 'LIMIT') return undefined;
  return {
    limitPrice: readBigInt(item.limitPrice),
    expiresAt: typeof item.orderExpiresAt === 'string' ? item.orderExpiresAt : undefined,
    holdId: typeof item.holdId === 'string' ? item.holdId : undefined,
  };
}

/** ISO expiry first, so `pendingSk < now` selects the expired; user and order make it unique. */
export function pendingSortKey(leaseExpiresAt: number, userId: string, orderId: string): string {
  return `${new Date(leaseExpiresAt * 1000).toISOString()}#${userId}#${orderId}`;
}

function orderAttributes(order: Order) {
  return {
    ...keys.order(order.userId, order.orderId),
    orderId: order.orderId,
    userId: order.userId,
    side: order.side,
    asset: order.asset,
    quantity: order.quantity,
    price: order.price,
    total: order.total,
    status: order.status,
    failureReason: order.failureReason,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    lockFence: order.lockFence,
    ...(order.limit
      ? {
          type: 'LIMIT',
          limitPrice: order.limit.limitPrice,
          orderExpiresAt: order.limit.expiresAt,
          holdId: order.limit.holdId,
        }
      : {}),
  };
}

/** The stored attributes of an order, for stores of other order kinds that write the same item. */
export const orderItem = orderAttributes;

/**
 * Creates the order once: a second put of the same id fails and hands back the stored order, which
 * is how a re-run task learns what its first run did.
 */
export function newOrderPut(order: Order, leaseExpiresAt?: number): TransactItem {
  const pending =
    order.status === 'PENDING' && leaseExpiresAt !== undefined
      ? { pendingPk: PENDING_PK, pendingSk: pendingSortKey(leaseExpiresAt, order.userId, order.orderId) }
      : {};
  return {
    Put: {
      TableName: tableName(),
      Item: { ...orderAttributes(order), ...pending },
      ConditionExpression: 'attribute_not_exists(sk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** For a decision that writes no order yet must not be made twice: fails, with the order, if it exists. */
export function orderAbsentCheck(order: Pick<Order, 'userId' | 'orderId'>): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.order(order.userId, order.orderId),
      ConditionExpression: 'attribute_not_exists(sk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * Moves a PENDING order to its final status and takes it out of the pending index. The condition
 * makes commit, rollback and the reaper mutually exclusive: whichever lands first decides.
 */
export function resolveOrderUpdate(
  order: Pick<Order, 'userId' | 'orderId'>,
  status: 'COMPLETED' | 'FAILED',
  updatedAt: string,
  failureReason?: string,
): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.order(order.userId, order.orderId),
      UpdateExpression: `SET #status = :status, updatedAt = :updatedAt${
        failureReason === undefined ? '' : ', failureReason = :reason'
      } REMOVE pendingPk, pendingSk`,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':updatedAt': updatedAt,
        ':pending': 'PENDING',
        ...(failureReason === undefined ? {} : { ':reason': failureReason }),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

export async function readOrder(userId: string, orderId: string): Promise<Order | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.order(userId, orderId), ConsistentRead: true }),
  );
  return Item ? orderFromItem(Item) : undefined;
}
