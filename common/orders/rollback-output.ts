import type { BalanceView } from '../accounts/views';
import type { ErrorCode } from '../errors';
import type { CompletedOrder } from './completed-order';
import type { OrderView } from './order-view';

/**
 * What Rollback hands to the Fail state (`error` → the execution's error, `cause` → its cause), and
 * what buy and sell read back from a failed execution. The cause is JSON, because Step Functions
 * only carries a string there.
 */
export const ORDER_REJECTED = 'OrderRejected';
export const ORDER_FAILED = 'OrderFailed';
/** The commit had landed and only its answer was lost: the order is a success after all. */
export const ORDER_COMPLETED = 'OrderCompleted';

export interface RollbackOutput {
  readonly error: typeof ORDER_REJECTED | typeof ORDER_FAILED | typeof ORDER_COMPLETED;
  readonly cause: string;
}

export type RollbackReport =
  | {
      readonly kind: 'rejected' | 'failed';
      readonly code: ErrorCode;
      readonly message: string;
      readonly order: OrderView;
    }
  | { readonly kind: 'completed'; readonly result: CompletedOrder };

export function rejectedOrderOutput(code: ErrorCode, message: string, order: OrderView): RollbackOutput {
  return { error: ORDER_REJECTED, cause: JSON.stringify({ code, message, order }) };
}

export function failedOrderOutput(code: ErrorCode, message: string, order: OrderView): RollbackOutput {
  return { error: ORDER_FAILED, cause: JSON.stringify({ code, message, order }) };
}

export function completedOrderOutput(result: CompletedOrder): RollbackOutput {
  return { error: ORDER_COMPLETED, cause: JSON.stringify(result) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Undefined when the execution failed some other way, e.g. Rollback itself gave up. */
export function readRollbackReport(
  error: string | undefined,
  cause: string | undefined,
): RollbackReport | undefined {
  if (cause === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(cause);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || !isObject(parsed.order)) return undefined;
  const order = parsed.order as unknown as OrderView;
  if (error === ORDER_COMPLETED && isObject(parsed.balance)) {
    return { kind: 'completed', result: { order, balance: parsed.balance as unknown as BalanceView } };
  }
  if ((error === ORDER_REJECTED || error === ORDER_FAILED) && typeof parsed.code === 'string') {
    return {
      kind: error === ORDER_REJECTED ? 'rejected' : 'failed',
      code: parsed.code as ErrorCode,
      message: typeof parsed.message === 'string' ? parsed.message : '',
      order,
    };
  }
  return undefined;
}
