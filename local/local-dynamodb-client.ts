import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A client for a DynamoDB Local endpoint. The credentials and region are placeholders: DynamoDB Local
 * runs with `-sharedDb`, so it ignores them, but the SDK refuses to sign a request without them.
 */
export function localDynamoDbClient(endpoint: string, maxAttempts = 3): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });
}
