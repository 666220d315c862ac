import { type BalanceState, consumeHold, credit, hold, totalOf, voidHold } from '../accounts/balance-state';
import { ulid } from '../ids/ulid';
import type { LedgerEntry } from '../ledger/ledger-entry';
import { type Order, proceedsOf, reservationOf } from './order';

/**
 * The balance arithmetic of an order's three steps, pure: reserve holds what the order pays, commit
 * spends the hold and credits what it buys, void returns the hold. Each asset's total moves only with
 * a ledger entry, so entries keep summing to available + held.
 */
export function reserveFunds(state: BalanceState, order: Order): BalanceState {
  const paid = reservationOf(order);
  return hold(state, paid.asset, paid.amount);
}

export function voidReservation(state: BalanceState, order: Order): BalanceState {
  const paid = reservationOf(order);
  return voidHold(state, paid.asset, paid.amount);
}

export interface Settlement {
  readonly after: BalanceState;
  /** Paid side first, then received: BUY is USD −total, asset +quantity; SELL the reverse. */
  readonly entries: readonly [LedgerEntry, LedgerEntry];
}

export function settleOrder(state: BalanceState, order: Order, at: string): Settlement {
  const paid = reservationOf(order);
  const received = proceedsOf(order);
  const after = credit(consumeHold(state, paid.asset, paid.amount), received.asset, received.amount);
  const entry = (asset: string, amount: bigint): LedgerEntry => ({
    id: ulid(),
    type: order.side,
    asset,
    amount,
    balanceAfter: totalOf(after, asset),
    orderId: order.orderId,
    createdAt: at,
  });
  return { after, entries: [entry(paid.asset, -paid.amount), entry(received.asset, received.amount)] };
}
