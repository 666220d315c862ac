import type { BalanceState } from '../accounts/balance-state';
import { balanceView } from '../accounts/views';
import { DomainError } from '../errors';
import { ulid } from '../ids/ulid';
import { ledgerEntryPut } from '../ledger/ledger-entry';
import { type Side, tradeTotal } from '../money/trade-total';
import type { Outcome } from '../outcomes/outcome';
import type { TransactItem } from '../storage/transact';
import type { CompletedOrder } from './completed-order';
import type { Order } from './order';
import { reserveFunds, settleOrder } from './order-settlement';
import { newOrderPut } from './order-store';
import { orderView } from './order-view';

export interface MarketOrderTerms {
  readonly side: Side;
  readonly asset: string;
  /** 8-dp minor units. */
  readonly quantity: bigint;
  /** Cents per unit: the listed price the order executes at. */
  readonly price: bigint;
}

export interface JudgedMarketOrder {
  /** Undefined for a refusal: the balance stays as it was. */
  readonly after?: BalanceState;
  /** The order as it ends: COMPLETED, or FAILED with the refusal's code as its reason. */
  readonly order: TransactItem;
  readonly ledger: readonly TransactItem[];
  readonly outcome: Outcome;
}

/**
 * A market order reserved and committed at once, pure: what the two phases of the order workflow
 * write, folded into one decision for a write that is atomic as a whole (ADR 0015). Reserve's
 * arithmetic and commit's settlement are the workflow's own (`reserveFunds`, `settleOrder`), so
 * the balance, the ledger entries and the answer are those the workflow would give; a refusal
 * leaves the order FAILED with its code, as the workflow's rollback does.
 */
export function judgeMarketOrder(
  userId: string,
  terms: MarketOrderTerms,
  before: BalanceState,
  context: {
    readonly requestId: string;
    readonly createdAt: string;
    readonly lockFence: number;
    readonly now: Date;
  },
): JudgedMarketOrder {
  const updatedAt = context.now.toISOString();
  const placed: Order = {
    orderId: ulid(),
    userId,
    side: terms.side,
    asset: terms.asset,
    quantity: terms.quantity,
    price: terms.price,
    total: tradeTotal(terms.side, terms.quantity, terms.price),
    status: 'PENDING',
    createdAt: context.createdAt,
    updatedAt,
    lockFence: context.lockFence,
  };
  try {
    const { after, entries } = settleOrder(reserveFunds(before, placed), placed, updatedAt);
    const completed: Order = { ...placed, status: 'COMPLETED' };
    const result: CompletedOrder = { order: orderView(completed), balance: balanceView(after) };
    return {
      after,
      order: newOrderPut(completed),
      ledger: entries.map((entry) => ledgerEntryPut(userId, entry)),
      outcome: { status: 'completed', result: { ...result } },
    };
  } catch (error) {
    if (!(error instanceof DomainError && error.business)) throw error;
    const failed: Order = { ...placed, status: 'FAILED', failureReason: error.code };
    return {
      order: newOrderPut(failed),
      ledger: [],
      outcome: {
        status: 'rejected',
        code: error.code,
        message: error.message,
        requestId: context.requestId,
        order: { ...orderView(failed) },
      },
    };
  }
}
