import { inject } from 'vitest';
import './provided-context';

export interface TestDynamoDb {
  readonly endpoint: string;
  readonly tableName: string;
}

/**
 * The run's shared DynamoDB Local. Also makes sure this worker's environment points at it, in case
 * a pool or runner did not pass the global setup's environment on.
 */
export function testDynamoDb(): TestDynamoDb {
  const endpoint = inject('dynamodbEndpoint');
  const tableName = inject('tableName');
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  return { endpoint, tableName };
}
