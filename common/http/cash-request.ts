import type { CashCommand } from '../cash/cash-operations';
import { parseCashAmount } from '../money/amounts';
import { identityOf } from './identity';
import { idempotencyOf, parseBody } from './request';
import { cashRequest } from './schemas';
import type { HttpEvent } from './types';

/** POST /deposits and /withdrawals, as the cash command they ask for. */
export function cashCommandOf(event: HttpEvent, requestId: string): CashCommand {
  const { userId } = identityOf(event);
  const { raw, body } = parseBody(event, cashRequest);
  const amount = parseCashAmount(body.amount);
  return { userId, amount, requestId, idempotency: idempotencyOf(event, raw) };
}
