import { DomainError, type ErrorCode } from '../errors';
import type { OrderView } from './order-view';

/**
 * A technical failure after the order was created: the body carries the order as stored, FAILED
 * (or, if even the rollback could not finish, still PENDING until the reaper resolves it).
 */
export class OrderFailedError extends DomainError {
  override readonly name = 'OrderFailedError';
  readonly code: Extract<ErrorCode, 'INTERNAL' | 'UNAVAILABLE'>;
  override readonly retryAfterSeconds?: number;
  override readonly extra?: Record<string, unknown>;

  constructor(code: 'INTERNAL' | 'UNAVAILABLE', message: string, order: OrderView | undefined) {
    super(message);
    this.code = code;
    this.retryAfterSeconds = code === 'UNAVAILABLE' ? 1 : undefined;
    this.extra = order ? { order } : undefined;
  }
}
