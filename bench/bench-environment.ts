import { startDynamoDbLocal } from '../local/dynamodb-local';
import { startLocalStack } from '../local/stack';

export interface BenchEnvironment {
  readonly apiUrl: string;
  readonly apiPort: number;
  readonly dynamodbEndpoint: string;
  stop(): Promise<void>;
}

/**
 * One in-memory DynamoDB Local on a free port, and the local stack served against it, so the
 * handlers called in-process, the HTTP API, the floor and the baseline all talk to the same store.
 */
export async function startBenchEnvironment(): Promise<BenchEnvironment> {
  const dynamoDb = await startDynamoDbLocal({ port: 0 });
  try {
    const stack = await startLocalStack({ port: 0, dynamodbEndpoint: dynamoDb.endpoint });
    return {
      apiUrl: stack.url,
      apiPort: Number(new URL(stack.url).port),
      dynamodbEndpoint: dynamoDb.endpoint,
      stop: async () => {
        try {
          await stack.stop();
        } finally {
          await dynamoDb.stop();
        }
      },
    };
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
}
