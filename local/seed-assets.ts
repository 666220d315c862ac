import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_ASSETS } from '../common/assets/default-assets';
import { keys } from '../common/storage/keys';
import { tableSchema } from '../common/storage/table-schema';

/** Adds each default asset that is missing; an asset already there keeps the price an admin gave it. */
export async function seedDefaultAssets(client: DynamoDBClient, tableName: string): Promise<void> {
  const documents = DynamoDBDocumentClient.from(client);
  await Promise.all(
    DEFAULT_ASSETS.map(async ({ asset, name, price }) => {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.asset(asset), asset, name, price },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': tableSchema.partitionKey },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }),
  );
}
