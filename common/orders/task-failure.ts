import type { ErrorCode } from '../errors';

/**
 * What Rollback learns from `$.error`, the `{Error, Cause}` a Catch leaves behind. In AWS a Lambda's
 * Cause is a JSON string `{"errorType","errorMessage","trace"}`; the local runner passes the bare
 * message; anything else is kept as text. Business failures are told apart by the error name alone,
 * which is the domain error's class name in both places.
 */
export interface TaskFailure {
  readonly name: string;
  readonly message: string;
  /** The contract code the caller gets: the business code, or UNAVAILABLE / INTERNAL. */
  readonly code: ErrorCode;
  readonly business: boolean;
  /** The order's `failureReason`: the business code, or a short technical reason. */
  readonly reason: string;
}

const BUSINESS_CODES: Readonly<Record<string, ErrorCode>> = {
  InsufficientFundsError: 'INSUFFICIENT_FUNDS',
  InsufficientAssetError: 'INSUFFICIENT_ASSET',
};

/** Names that mean our own code is wrong, not that the world was busy: answered with 500. */
const BUG_NAMES = new Set(['Error', 'TypeError', 'ReferenceError', 'SyntaxError', 'RangeError', 'ZodError']);

const TECHNICAL_REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^States\.Timeout$/, 'timeout'],
  [/^LeaseLostError$/, 'lease lost'],
  [
    /^(StaleBalanceError|ConditionsFailed|ItemConditionFailed|TransactionCanceledException|TransactionConflictException)$/,
    'conflict',
  ],
  [/Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded|TooManyRequests/, 'throttled'],
  [/Unavailable|Unreachable|ServiceException|InternalServerError/, 'service unavailable'],
];

function messageOf(cause: unknown): string {
  if (typeof cause === 'string') {
    try {
      return messageOf(JSON.parse(cause) as unknown) || cause;
    } catch {
      return cause;
    }
  }
  if (cause && typeof cause === 'object') {
    const { errorMessage, message } = cause as { errorMessage?: unknown; message?: unknown };
    if (typeof errorMessage === 'string') return errorMessage;
    if (typeof message === 'string') return message;
  }
  return '';
}

function technicalReason(name: string): string {
  if (BUG_NAMES.has(name)) return 'internal error';
  return TECHNICAL_REASONS.find(([pattern]) => pattern.test(name))?.[1] ?? 'technical failure';
}

export function describeTaskFailure(error: unknown): TaskFailure {
  const { Error: rawName, Cause: cause } = (error ?? {}) as { Error?: unknown; Cause?: unknown };
  const name = typeof rawName === 'string' && rawName ? rawName : 'Unknown';
  const message = messageOf(cause);
  const businessCode = BUSINESS_CODES[name];
  if (businessCode) return { name, message, code: businessCode, business: true, reason: businessCode };
  return {
    name,
    message,
    code: BUG_NAMES.has(name) ? 'INTERNAL' : 'UNAVAILABLE',
    business: false,
    reason: technicalReason(name),
  };
}
