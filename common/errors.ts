/**
 * Domain errors. Each carries a stable `code` from the API contract; the HTTP adapter maps codes to
 * statuses in one place (common/http/responses.ts, used by error-mapping.ts), so the domain never speaks HTTP.
 */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'LOCKED'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_ASSET'
  | 'UNKNOWN_ASSET'
  | 'DAILY_LIMIT_EXCEEDED'
  | 'SAME_ACCOUNT'
  | 'UNKNOWN_PAYEE'
  | 'HOLD_ALREADY_CAPTURED'
  | 'HOLD_ALREADY_VOIDED'
  | 'HOLD_EXPIRED'
  | 'CAPTURE_EXCEEDS_HOLD'
  | 'RESERVED_SYMBOL'
  | 'ORDER_NOT_OPEN'
  | 'REQUEST_TIMEOUT'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Seconds a client should wait before retrying, where the contract promises `Retry-After`. */
  readonly retryAfterSeconds?: number;
  /** A business failure is final for this request; anything else is technical. */
  readonly business: boolean = false;
  /** Extra fields of the error body, such as the failed `order`. */
  readonly extra?: Record<string, unknown>;
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_ERROR';
  override readonly name = 'ValidationError';
}

export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED';
  override readonly name = 'UnauthorizedError';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  override readonly name = 'ForbiddenError';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  override readonly name = 'NotFoundError';
}

export class LockedError extends DomainError {
  readonly code = 'LOCKED';
  override readonly name = 'LockedError';
  override readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('Another operation on this account is still running. Retry after the time in Retry-After.');
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

export class IdempotencyInProgressError extends DomainError {
  readonly code = 'IDEMPOTENCY_IN_PROGRESS';
  override readonly name = 'IdempotencyInProgressError';
  constructor() {
    super('A request with this Idempotency-Key is still being processed. Retry it shortly.');
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  override readonly name = 'IdempotencyKeyReusedError';
  constructor() {
    super('This Idempotency-Key was already used with another route or body. Use a new key.');
  }
}

export class InsufficientFundsError extends DomainError {
  readonly code = 'INSUFFICIENT_FUNDS';
  override readonly name = 'InsufficientFundsError';
  override readonly business = true;
  constructor(available: string, required: string) {
    super(`Insufficient funds: available ${available} USD, required ${required} USD`);
  }
}

export class InsufficientAssetError extends DomainError {
  readonly code = 'INSUFFICIENT_ASSET';
  override readonly name = 'InsufficientAssetError';
  override readonly business = true;
  constructor(asset: string, available: string, required: string) {
    super(`Insufficient ${asset}: available ${available} ${asset}, required ${required} ${asset}`);
  }
}

export class UnknownAssetError extends DomainError {
  readonly code = 'UNKNOWN_ASSET';
  override readonly name = 'UnknownAssetError';
  override readonly business = true;
  constructor(asset: string) {
    super(`Unknown asset: ${asset} is not listed. GET /assets lists the assets you can trade.`);
  }
}

/** A refused request's daily-limit figures, as the error body's `dailyLimit` carries them. */
export interface DailyLimitRefusal {
  readonly kind: 'deposit' | 'withdrawal';
  /** The UTC day counted, `YYYY-MM-DD`. */
  readonly day: string;
  readonly limit: string;
  readonly used: string;
  readonly remaining: string;
  readonly requested: string;
  /** The next UTC midnight, when the day's usage starts again from zero. */
  readonly resetsAt: string;
}

export class DailyLimitExceededError extends DomainError {
  readonly code = 'DAILY_LIMIT_EXCEEDED';
  override readonly name = 'DailyLimitExceededError';
  override readonly business = true;
  override readonly extra: { readonly dailyLimit: DailyLimitRefusal };
  constructor(readonly refusal: DailyLimitRefusal) {
    super(
      `Daily ${refusal.kind} limit exceeded: limit ${refusal.limit} USD, used ${refusal.used} USD on ${refusal.day} (UTC), ${refusal.remaining} USD left, requested ${refusal.requested} USD. The limit resets at ${refusal.resetsAt}.`,
    );
    this.extra = { dailyLimit: refusal };
  }
}

export class SameAccountError extends DomainError {
  readonly code = 'SAME_ACCOUNT';
  override readonly name = 'SameAccountError';
  override readonly business = true;
  constructor() {
    super('A transfer needs another account: "to" is your own user id.');
  }
}

export class UnknownPayeeError extends DomainError {
  readonly code = 'UNKNOWN_PAYEE';
  override readonly name = 'UnknownPayeeError';
  override readonly business = true;
  constructor(payee: string) {
    super(`Unknown payee: ${payee} has no account. An account exists from its first deposit on.`);
  }
}

/**
 * A hold resolves at most once. Meeting one already resolved is a conflict, not a business outcome:
 * it is never stored, so the same idempotent request that resolved it still gets its replay.
 */
export class HoldAlreadyCapturedError extends DomainError {
  readonly code = 'HOLD_ALREADY_CAPTURED';
  override readonly name = 'HoldAlreadyCapturedError';
  constructor() {
    super('This hold was already captured; it cannot be captured or voided again.');
  }
}

export class HoldAlreadyVoidedError extends DomainError {
  readonly code = 'HOLD_ALREADY_VOIDED';
  override readonly name = 'HoldAlreadyVoidedError';
  constructor() {
    super('This hold was already voided; its funds went back to the payer.');
  }
}

export class HoldExpiredError extends DomainError {
  readonly code = 'HOLD_EXPIRED';
  override readonly name = 'HoldExpiredError';
  constructor(expiresAt: string) {
    super(`This hold expired at ${expiresAt}; its funds go back to the payer.`);
  }
}

export class CaptureExceedsHoldError extends DomainError {
  readonly code = 'CAPTURE_EXCEEDS_HOLD';
  override readonly name = 'CaptureExceedsHoldError';
  override readonly business = true;
  constructor(held: string, requested: string, asset: string) {
    super(`Capture exceeds the hold: held ${held} ${asset}, capture ${requested} ${asset}`);
  }
}

/**
 * Only an OPEN order can be cancelled. Like a resolved hold, a conflict and not a business outcome:
 * never stored, so the idempotent request that did cancel it still gets its replay.
 */
export class OrderNotOpenError extends DomainError {
  readonly code = 'ORDER_NOT_OPEN';
  override readonly name = 'OrderNotOpenError';
  constructor(status: string) {
    super(`This order is ${status}; only an OPEN order can be cancelled.`);
  }
}

export class ReservedSymbolError extends DomainError {
  readonly code = 'RESERVED_SYMBOL';
  override readonly name = 'ReservedSymbolError';
  override readonly business = true;
  constructor(symbol: string) {
    super(`${symbol} is the cash currency that prices are quoted in, so it cannot be listed as an asset.`);
  }
}

/**
 * The fence on the user lock rejected a write: this holder's lease expired and someone else took the
 * lock. Nothing was written. Technical, never business.
 */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  /** The users whose leases the write found lost, when the write knows (a write under several leases). */
  constructor(readonly users: readonly string[] = []) {
    super('The user lock lease was lost before the write; nothing was written.');
  }
}
