import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NETWORK_ERROR_CODES } from '../failures/transient-failures';

/**
 * A request that got no answer from DynamoDB: the connection was refused, reset or timed out. Node
 * reports these as a bare `Error` with a `code`, which every later layer would read as a bug in our
 * code. Renaming them once, at the client, lets the HTTP edge answer 503 and an order's rollback
 * record a technical "service unavailable", as the contract says.
 */
export class StorageUnreachableError extends Error {
  override readonly name = 'StorageUnreachableError';
  constructor(
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(`DynamoDB did not answer (${code})`, options);
  }
}

export function installStorageUnreachable(client: DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code))
          throw new StorageUnreachableError(code, { cause: error });
        throw error;
      }
    },
    { step: 'initialize', name: 'lockstepStorageUnreachable', priority: 'high' },
  );
}
