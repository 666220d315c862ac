import type { TestProject } from 'vitest/node';
import { LOCAL_TABLE_NAME } from '../../common/storage/table-schema';
import { ensureTable } from '../../local/create-tables';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { localDynamoDbClient } from '../../local/local-dynamodb-client';
import { seedDefaultAssets } from '../../local/seed-assets';
import './provided-context';

/**
 * One in-memory DynamoDB Local for the whole run, with the table and default assets. Tests reach it
 * two ways: the environment, which the forked workers inherit because they are spawned after this
 * runs (so code under test that reads DYNAMODB_ENDPOINT just works), and `inject()`, which
 * test-dynamodb.ts uses to check that the environment really arrived.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamoDb = await startDynamoDbLocal({ port: 0 });
  try {
    const client = localDynamoDbClient(dynamoDb.endpoint);
    try {
      await ensureTable(client, LOCAL_TABLE_NAME);
      await seedDefaultAssets(client, LOCAL_TABLE_NAME);
    } finally {
      client.destroy();
    }
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
  process.env.DYNAMODB_ENDPOINT = dynamoDb.endpoint;
  process.env.TABLE_NAME = LOCAL_TABLE_NAME;
  project.provide('dynamodbEndpoint', dynamoDb.endpoint);
  project.provide('tableName', LOCAL_TABLE_NAME);
  return () => dynamoDb.stop();
}
