import { LOCAL_TABLE_NAME } from '../common/storage/table-schema';
import { ensureTable } from './create-tables';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { faultExtensions } from './faults/fault-extension';
import { startHttpServer } from './http-server';
import { localDynamoDbClient } from './local-dynamodb-client';
import { seedDefaultAssets } from './seed-assets';
import type { LocalStackExtension, StopExtension } from './stack-extension';
import { localStackExtensions } from './stack-extensions';

export interface LocalStackOptions {
  /** API port; 0 picks a free one. */
  readonly port?: number;
  /** DynamoDB Local port; 0 picks a free one. Ignored with `dynamodbEndpoint`. */
  readonly dynamodbPort?: number;
  /** Keeps DynamoDB Local's data here; in memory when absent. Ignored with `dynamodbEndpoint`. */
  readonly dataDir?: string;
  /** Use this running DynamoDB instead of starting one (tests share one DynamoDB Local). */
  readonly dynamodbEndpoint?: string;
  readonly extensions?: readonly LocalStackExtension[];
}

export interface LocalStack {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  stop(): Promise<void>;
}

/** Everything `npm start` runs: DynamoDB Local, the table and default assets, the extensions, the API. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const stops: StopExtension[] = [];
  let dynamoDbLocal: RunningDynamoDbLocal | undefined;
  let stopped: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopped ??= (async () => {
      try {
        for (const stop of [...stops].reverse()) await stop();
      } finally {
        await dynamoDbLocal?.stop();
      }
    })();
    return stopped;
  };
  try {
    const dynamodbEndpoint = options.dynamodbEndpoint ?? (await startOwnDynamoDb()).endpoint;
    const tableName = LOCAL_TABLE_NAME;
    // The handlers' storage client reads these when first used; set them before any handler is imported.
    process.env.DYNAMODB_ENDPOINT = dynamodbEndpoint;
    process.env.TABLE_NAME = tableName;
    const client = localDynamoDbClient(dynamodbEndpoint);
    try {
      await ensureTable(client, tableName);
      await seedDefaultAssets(client, tableName);
    } finally {
      client.destroy();
    }
    // LOCKSTEP_FAULTS (local only) adds the fault injector last, so it wraps what the others set up.
    for (const extension of [...(options.extensions ?? localStackExtensions), ...faultExtensions()]) {
      stops.push(await extension({ dynamodbEndpoint, tableName }));
    }
    const server = await startHttpServer({ port: options.port });
    stops.push(() => server.stop());
    return { url: server.url, dynamodbEndpoint, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }

  async function startOwnDynamoDb(): Promise<RunningDynamoDbLocal> {
    dynamoDbLocal = await startDynamoDbLocal({ port: options.dynamodbPort, dataDir: options.dataDir });
    return dynamoDbLocal;
  }
}
