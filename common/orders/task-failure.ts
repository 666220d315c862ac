import type { ErrorCode } from '../errors';
import { transientFailures } from '../failures/transient-failures';

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

/**
 * The reason a technical failure leaves on the order, by error name. The transient names come from
 * the shared list; the conflict group adds the ways our own transactions report a lost race.
 */
const TECHNICAL_REASONS: ReadonlyMap<string, string> = new Map([
  ['States.Timeout', 'timeout'],
  ...reasonFor(transientFailures.leaseLost, 'lease lost'),
  ...reasonFor(
    ['StaleBalanceError', 'ConditionsFailed', 'ItemConditionFailed', ...transientFailures.storageConflict],
    'conflict',
  ),
  ...reasonFor([...transientFailures.storageThrottled, ...transientFailures.lambdaThrottled], 'throttled'),
  ...reasonFor(
    [...transientFailures.storageUnavailable, ...transientFailures.lambdaUnavailable],
    'service unavailable',
  ),
]);

function reasonFor(names: readonly string[], reason: string): Array<readonly [string, string]> {
  return names.map((name) => [name, reason] as const);
}

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
  return TECHNICAL_REASONS.get(name) ?? 'technical failure';
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
