import type { BalanceState } from '../accounts/balance-state';
import { judgeCashMovement } from '../cash/judge-cash-movement';
import { judgeMarketOrder } from '../orders/judge-market-order';
import type { Outcome } from '../outcomes/outcome';
import type { TransactItem } from '../storage/transact';
import type { ParkedOwnRequest } from './parked-own-request';

export interface JudgedOwnRequest {
  /** Undefined for a refusal: the balance stays as it was. */
  readonly after?: BalanceState;
  readonly order?: TransactItem;
  readonly ledger: readonly TransactItem[];
  readonly outcome: Outcome;
}

/**
 * A parked request of the lock's own user judged on `before`, with the very judgement its own path
 * makes (`judgeCashMovement`, `judgeMarketOrder`), so a parked request and a queued one are refused
 * and answered alike. `lockFence` is the fence of the holder's lease, under which it is applied.
 */
export function judgeOwnRequest(
  request: ParkedOwnRequest,
  before: BalanceState,
  lockFence: number,
  now: Date,
): JudgedOwnRequest {
  const { terms } = request;
  if (terms.kind === 'order') {
    return judgeMarketOrder(request.userId, terms, before, {
      requestId: request.requestId,
      createdAt: new Date(request.postedAtMs).toISOString(),
      lockFence,
      now,
    });
  }
  const judged = judgeCashMovement(request.userId, terms.kind, terms.amount, before, request.requestId, now);
  return { after: judged.after, ledger: judged.ledger ? [judged.ledger] : [], outcome: judged.outcome };
}
