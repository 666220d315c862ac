import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ReservedSymbolError, UnknownAssetError } from '../errors';
import { CASH, formatPrice, parsePrice } from '../money/amounts';
import { documentClient, tableName } from '../storage/client';
import { ASSET_PK, keys } from '../storage/keys';
import type { StoredItem } from '../storage/transact';

/** A listed asset. Prices are stored as exact decimal text ("50000.00") and parsed when used. */
export interface Asset {
  readonly asset: string;
  readonly name: string;
  readonly price: string;
}

export const ASSET_SYMBOL = /^[A-Z0-9]{2,10}$/;

const assetFromItem = (item: StoredItem): Asset => ({
  asset: String(item.asset),
  name: String(item.name),
  price: String(item.price),
});

/**
 * Every listed asset, read strongly consistently, so that a price an admin has just set is the one
 * read. A cash listing left by a version that did not yet refuse it is not an asset and is skipped.
 */
export async function listAssets(): Promise<Asset[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ASSET_PK },
      ConsistentRead: true,
    }),
  );
  return Items.map(assetFromItem).filter((asset) => asset.asset !== CASH);
}

export function assetItemToPrice(item: StoredItem | undefined, symbol: string): bigint {
  if (!item) throw new UnknownAssetError(symbol);
  return parsePrice(item.price);
}

/**
 * Creates or updates a listing; a new listing without a name is named after its symbol. The cash
 * currency is refused: balances, totals and the ledger all treat it as money, never as an asset.
 */
export async function listAsset(symbol: string, price: bigint, name?: string): Promise<Asset> {
  if (symbol === CASH) throw new ReservedSymbolError(symbol);
  const { Attributes } = await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.asset(symbol),
      UpdateExpression: name
        ? 'SET asset = :asset, price = :price, #name = :name'
        : 'SET asset = :asset, price = :price, #name = if_not_exists(#name, :asset)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':asset': symbol,
        ':price': formatPrice(price),
        ...(name ? { ':name': name } : {}),
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return assetFromItem(Attributes ?? {});
}
