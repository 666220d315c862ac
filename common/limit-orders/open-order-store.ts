import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { formatPrice, parsePrice } from '../money/amounts';
import type { Order } from '../orders/order';
import { orderFromItem, orderItem } from '../orders/order-store';
import { documentClient, tableName } from '../storage/client';
import { keys, openOrdersPk } from '../storage/keys';
import { listPendingIndex } from '../storage/pending-index';
import type { TransactItem } from '../storage/transact';

/**
 * A resting limit order is the order item, status OPEN, listed on the sparse `pending-orders` index
 * under `OPEN_ORDER#<asset>` and sorted by creation, so a price change finds the asset's open orders
 * oldest first without a scan. Leaving OPEN removes it from the index.
 */
const NOT_EXPIRED = 'orderExpiresAt > :now';
const EXPIRED = 'orderExpiresAt <= :now';

export function openOrderPut(order: Order): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...orderItem(order),
        pendingPk: openOrdersPk(order.asset),
        pendingSk: `${order.createdAt}#${order.orderId}`,
      },
      ConditionExpression: 'attribute_not_exists(sk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * Moves an OPEN order to its final status, with the price and total it closed at. A fill or a cancel
 * needs it unexpired, an expiry needs it expired, both by the writer's clock in the condition itself:
 * so whichever lands first decides, and nothing fills after `expiresAt` even if the reaper is late.
 */
export function closeOpenOrderUpdate(
  closed: Order,
  status: 'COMPLETED' | 'CANCELLED' | 'EXPIRED',
  when: 'unexpired' | 'expired',
): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.order(closed.userId, closed.orderId),
      UpdateExpression:
        'SET #status = :status, price = :price, #total = :total, updatedAt = :updatedAt REMOVE pendingPk, pendingSk',
      ConditionExpression: `#status = :open AND ${when === 'unexpired' ? NOT_EXPIRED : EXPIRED}`,
      ExpressionAttributeNames: { '#status': 'status', '#total': 'total' },
      ExpressionAttributeValues: {
        ':status': status,
        ':price': closed.price,
        ':total': closed.total,
        ':updatedAt': closed.updatedAt,
        ':open': 'OPEN',
        ':now': new Date().toISOString(),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** A fill is at the listed price: the transaction commits only if the price is still that one. */
export function listedPriceCheck(asset: string, price: bigint): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.asset(asset),
      ConditionExpression: 'price = :price',
      ExpressionAttributeValues: { ':price': formatPrice(price) },
    },
  };
}

/** The listed price, read strongly consistently; undefined when the asset is not listed. */
export async function readListedPrice(asset: string): Promise<bigint | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.asset(asset), ConsistentRead: true }),
  );
  return Item ? parsePrice(Item.price) : undefined;
}

/** Every OPEN order on `asset`, oldest first, as the index lists them (it lags the table). */
export async function listOpenOrders(asset: string): Promise<Order[]> {
  return (await listPendingIndex(openOrdersPk(asset))).map(orderFromItem);
}
