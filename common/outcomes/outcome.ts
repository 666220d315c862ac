import { DailyLimitExceededError, DomainError, type ErrorCode } from '../errors';

/**
 * What a money-moving command ended with, in a form that can be stored and replayed: either its
 * result, or a business rejection. An idempotent replay renders the stored outcome, so it answers
 * exactly as the first request did (including the first request's id in a rejection).
 */
export type JsonObject = { readonly [key: string]: unknown };

export type Outcome =
  | { readonly status: 'completed'; readonly result: JsonObject }
  | {
      readonly status: 'rejected';
      readonly code: ErrorCode;
      readonly message: string;
      readonly requestId: string;
      /** A failed order, for rejections that happen after the order was created. */
      readonly order?: JsonObject;
      /** The figures of a refusal by a daily limit. */
      readonly dailyLimit?: JsonObject;
    };

export interface Executed {
  readonly outcome: Outcome;
  /** True when the outcome was stored by an earlier request with the same idempotency key. */
  readonly replayed: boolean;
}

/**
 * A business failure as the outcome to answer and store, with the figures its error body carries;
 * undefined for anything else, to rethrow.
 */
export function rejectionOf(error: unknown, requestId: string): Outcome | undefined {
  if (!(error instanceof DomainError && error.business)) return undefined;
  return {
    status: 'rejected',
    code: error.code,
    message: error.message,
    requestId,
    ...(error instanceof DailyLimitExceededError ? { dailyLimit: { ...error.refusal } } : {}),
  };
}
