import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { localDynamoDbClient } from '../local/local-dynamodb-client';

/**
 * `npx tsx check/dynamodb-local-durability.ts [transact|put]`: does DynamoDB Local keep every write it
 * acknowledged when its JVM is killed with SIGKILL? Sixteen writers write for three seconds, the JVM
 * is killed, a new one starts on the same data folder, and every acknowledged item is read back.
 * Why `--kill` kills the application first and the JVM a moment later (check/local-server.ts).
 */
const WRITERS = 16;
const WRITE_MS = 3_000;
const TABLE = 'durability';
const mode = process.argv[2] === 'put' ? 'put' : 'transact';

const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-durability-'));
const first = await startDynamoDbLocal({ port: 0, dataDir });
let client = localDynamoDbClient(first.endpoint, 1);
await client.send(
  new CreateTableCommand({
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  }),
);

const acknowledged: Array<{ key: string; at: number }> = [];
let writing = true;
async function writer(id: number): Promise<void> {
  for (let index = 0; writing; index++) {
    const keys = [`w${id}-${index}a`, `w${id}-${index}b`];
    try {
      if (mode === 'transact') {
        await client.send(
          new TransactWriteItemsCommand({
            TransactItems: keys.map((key) => ({ Put: { TableName: TABLE, Item: { pk: { S: key } } } })),
          }),
        );
      } else {
        for (const key of keys)
          await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: key } } }));
      }
    } catch {
      return;
    }
    for (const key of keys) acknowledged.push({ key, at: Date.now() });
  }
}
const writers = Array.from({ length: WRITERS }, (_, id) => writer(id));
await new Promise((resolve) => setTimeout(resolve, WRITE_MS));
const killedAt = Date.now();
process.kill(first.pid, 'SIGKILL');
writing = false;
await Promise.all(writers);
client.destroy();

const second = await startDynamoDbLocal({ port: 0, dataDir });
client = localDynamoDbClient(second.endpoint);
const lost: string[] = [];
for (const { key, at } of acknowledged) {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: TABLE, Key: { pk: { S: key } }, ConsistentRead: true }),
  );
  if (!Item) lost.push(`${key} (acknowledged ${killedAt - at} ms before the kill)`);
}
client.destroy();
await second.stop();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  `${mode}: ${acknowledged.length} items acknowledged, ${lost.length} lost after kill -9 and restart`,
);
for (const line of lost) console.log(`  lost ${line}`);
process.exit(lost.length === 0 ? 0 : 1);
