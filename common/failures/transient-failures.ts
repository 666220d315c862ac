/**
 * The one list of failures that mean "the world was busy or out of reach, and nothing was applied",
 * grouped by what a caller is told. The HTTP edge answers any of them with 503 (error-mapping.ts),
 * an order's Rollback records the group as its `failureReason` (task-failure.ts), and the order
 * workflow retries the throttling and Lambda ones in place (lib/constructs/order-workflow.ts).
 */
export const transientFailures = {
  /** DynamoDB refused the request for capacity; the same request succeeds later. */
  storageThrottled: ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'],
  /** A transaction collided with another one or its conditions failed: nothing of it was written. */
  storageConflict: [
    'TransactionConflictException',
    'TransactionInProgressException',
    'TransactionCanceledException',
  ],
  /**
   * DynamoDB failed on its side, or gave no answer: `StorageUnreachableError` is what the storage
   * client makes of the network error codes below.
   */
  storageUnavailable: [
    'InternalServerError',
    'ServiceUnavailable',
    'TimeoutError',
    'StorageUnreachableError',
  ],
  /** The fence refused a write of a holder whose lease had passed, so nothing changed. */
  leaseLost: ['LeaseLostError'],
  /** Step Functions could not get an answer from a task's Lambda for capacity; tasks are idempotent. */
  lambdaThrottled: ['Lambda.TooManyRequestsException'],
  /**
   * Step Functions could not get an answer from a task's Lambda because of the service or the
   * connection, including its own client timeout.
   */
  lambdaUnavailable: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.ClientExecutionTimeoutException',
  ],
} as const satisfies Record<string, readonly string[]>;

/** Codes Node gives a request that got no answer: refused, reset, timed out, or a name that did not resolve. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** What the order workflow retries in place before it rolls back: capacity and Lambda service failures. */
export const WORKFLOW_RETRY_ERRORS: readonly string[] = [
  ...transientFailures.lambdaUnavailable,
  ...transientFailures.lambdaThrottled,
  ...transientFailures.storageThrottled,
];

const TRANSIENT_NAMES: ReadonlySet<string> = new Set(Object.values(transientFailures).flat());

/** True for an error named in `transientFailures`, or a bare network failure carrying one of the codes. */
export function isTransientFailure(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return (
    (typeof name === 'string' && TRANSIENT_NAMES.has(name)) ||
    (typeof code === 'string' && NETWORK_ERROR_CODES.has(code))
  );
}
