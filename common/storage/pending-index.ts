import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';
import { tableSchema } from './table-schema';
import type { StoredItem } from './transact';

/**
 * Every item the sparse `pending-orders` index lists under `pendingPk`, in its sort order, all
 * pages. The index lags the table (eventually consistent in AWS): callers' writes condition on the
 * table itself.
 */
export async function listPendingIndex(pendingPk: string): Promise<StoredItem[]> {
  const index = tableSchema.pendingOrdersIndex;
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': pendingPk },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
