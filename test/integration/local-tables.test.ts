import { randomUUID } from 'node:crypto';
import {
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSETS } from '../../common/assets/default-assets';
import { keys } from '../../common/storage/keys';
import { tableSchema } from '../../common/storage/table-schema';
import { createTableInput, ensureTable } from '../../local/create-tables';
import { localDynamoDbClient } from '../../local/local-dynamodb-client';
import { seedDefaultAssets } from '../../local/seed-assets';
import { testDynamoDb } from '../support/test-dynamodb';

let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
beforeAll(() => {
  client = localDynamoDbClient(testDynamoDb().endpoint);
  documents = DynamoDBDocumentClient.from(client);
});
afterAll(() => client?.destroy());

describe('the shared DynamoDB Local of the test run', () => {
  it('reaches this worker through the environment, not only through inject()', () => {
    const { endpoint, tableName } = testDynamoDb();
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env.DYNAMODB_ENDPOINT).toBe(endpoint);
    expect(process.env.TABLE_NAME).toBe(tableName);
  });
});

describe('the table global-setup created', () => {
  it('has the key schema, GSI and billing mode derived from tableSchema', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: testDynamoDb().tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const index = Table?.GlobalSecondaryIndexes?.find(
      (candidate) => candidate.IndexName === tableSchema.pendingOrdersIndex.indexName,
    );
    expect(index?.KeySchema).toEqual([
      { AttributeName: tableSchema.pendingOrdersIndex.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableSchema.pendingOrdersIndex.sortKey, KeyType: 'RANGE' },
    ]);
    expect(index?.Projection?.ProjectionType).toBe('ALL');
  });

  it('expires items by the TTL attribute of tableSchema', async () => {
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: testDynamoDb().tableName }),
    );
    expect(TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: tableSchema.timeToLiveAttribute,
    });
  });

  it('holds the default assets', async () => {
    for (const { asset, name } of DEFAULT_ASSETS) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: testDynamoDb().tableName, Key: keys.asset(asset), ConsistentRead: true }),
      );
      // Another test may have changed a price through PUT /assets; the listing itself must be there.
      expect(Item).toMatchObject({
        ...keys.asset(asset),
        asset,
        name,
        price: expect.stringMatching(/^\d+\.\d{2}$/),
      });
    }
  });
});

describe('creating and seeding again, as a DATA_DIR restart does', () => {
  const tableName = `local-tables-test-${randomUUID()}`;
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  });

  it('changes nothing and keeps a price an admin set', async () => {
    await ensureTable(client, tableName);
    await seedDefaultAssets(client, tableName);
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.asset('BTC'),
        UpdateExpression: 'SET price = :price',
        ExpressionAttributeValues: { ':price': '61000.00' },
      }),
    );

    await ensureTable(client, tableName);
    await seedDefaultAssets(client, tableName);

    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: keys.asset('BTC') }));
    expect(Item).toEqual({ ...keys.asset('BTC'), asset: 'BTC', name: 'Bitcoin', price: '61000.00' });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.ItemCount).toBe(DEFAULT_ASSETS.length);
  });
});

describe('createTableInput', () => {
  it('declares exactly the attributes the table and index keys use', () => {
    const input = createTableInput('any');
    expect(input.AttributeDefinitions?.map((definition) => definition.AttributeName).sort()).toEqual(
      [
        tableSchema.partitionKey,
        tableSchema.sortKey,
        tableSchema.pendingOrdersIndex.partitionKey,
        tableSchema.pendingOrdersIndex.sortKey,
      ].sort(),
    );
  });
});
