import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { onDocumentClient } from './client';

/**
 * Counts DynamoDB requests by operation, with an SDK middleware at the initialize step: SDK-level
 * retries of one call count once, which is what "round trips per operation" means to the caller.
 * Used by the benchmark and by the tests that pin the round-trip budget of each operation.
 */
export interface RequestCounter {
  readonly counts: ReadonlyMap<string, number>;
  total(): number;
  /** Round trips in sequence: requests sent while no other was in flight; parallel ones count once. */
  sequential(): number;
  reset(): void;
}

export function countDynamoDbRequests(): RequestCounter {
  const counts = new Map<string, number>();
  let inFlight = 0;
  let sequential = 0;
  onDocumentClient((client: DynamoDBDocumentClient) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        counts.set(operation, (counts.get(operation) ?? 0) + 1);
        if (inFlight++ === 0) sequential++;
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize', name: 'lockstepRequestCounter' },
    );
  });
  return {
    counts,
    total: () => [...counts.values()].reduce((sum, count) => sum + count, 0),
    sequential: () => sequential,
    reset: () => {
      counts.clear();
      sequential = 0;
    },
  };
}
