import { Agent } from 'node:http';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../observability/tracer';
import { installStorageUnreachable } from './storage-unreachable';
import { LOCAL_TABLE_NAME } from './table-schema';

/**
 * One document client per process. Numbers come back wrapped (`wrapNumbers`) because asset balances
 * in minor units exceed Number.MAX_SAFE_INTEGER; read them with `readBigInt` / `readInt`.
 * `DYNAMODB_ENDPOINT` points the SDK at DynamoDB Local; in AWS it is unset.
 */
let shared: DynamoDBDocumentClient | undefined;
const LOCAL_MAX_SOCKETS = 512;
const middlewares: Array<(client: DynamoDBDocumentClient) => void> = [];

function storageConfig(): DynamoDBClientConfig {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) return { maxAttempts: 4 };
  return {
    endpoint,
    region: process.env.AWS_REGION ?? 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 4,
    // A Lambda process serves one request at a time, but the local server runs every request in one
    // process: the SDK's default of 50 sockets would queue lock polls behind each other.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: LOCAL_MAX_SOCKETS }) },
  };
}

export function documentClient(): DynamoDBDocumentClient {
  if (!shared) {
    shared = DynamoDBDocumentClient.from(traced(new DynamoDBClient(storageConfig())), {
      marshallOptions: { removeUndefinedValues: true },
      unmarshallOptions: { wrapNumbers: true },
    });
    installStorageUnreachable(shared);
    for (const install of middlewares) install(shared);
  }
  return shared;
}

/** Lets the benchmark and tests observe every request (e.g. counting round trips). */
export function onDocumentClient(install: (client: DynamoDBDocumentClient) => void): void {
  middlewares.push(install);
  if (shared) install(shared);
}

export function tableName(): string {
  return process.env.TABLE_NAME ?? LOCAL_TABLE_NAME;
}
