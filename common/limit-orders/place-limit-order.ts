import type { BalanceState } from '../accounts/balance-state';
import { balanceView } from '../accounts/views';
import { DomainError, UnknownAssetError, ValidationError } from '../errors';
import { holdFunds, newHold } from '../holds/hold-settlement';
import { newHoldPuts } from '../holds/hold-store';
import { idempotencyRecordPut } from '../idempotency/idempotency-record';
import { ulid } from '../ids/ulid';
import { type LeasedStep, runRequestUnderLease } from '../lease/run-under-lease';
import { ItemConditionFailed, type NamedItems } from '../lease/write-under-lease';
import { ledgerEntryPut } from '../ledger/ledger-entry';
import { CASH } from '../money/amounts';
import { tradeTotal } from '../money/trade-total';
import { isBelowMinimumTotal } from '../orders/minimum-total';
import type { Order } from '../orders/order';
import { reserveFunds, settleOrder } from '../orders/order-settlement';
import { newOrderPut } from '../orders/order-store';
import { orderView } from '../orders/order-view';
import type { OrderCommand } from '../orders/place-order';
import type { Executed, Outcome } from '../outcomes/outcome';
import { heldFor, isSatisfied } from './limit-order';
import { listedPriceCheck, openOrderPut, readListedPrice } from './open-order-store';

export interface LimitOrderCommand extends OrderCommand {
  /** Cents, already validated. */
  readonly limitPrice: bigint;
  /** Already validated within LIMIT_ORDER_EXPIRY_SECONDS. */
  readonly expiresInSeconds: number;
}

/** What one attempt decided: the answer, and what the fenced transaction writes for it. */
interface Decision {
  readonly outcome: Outcome;
  readonly after?: BalanceState;
  readonly items: NamedItems;
}

/** A price change between the read and the write: judged again on the new price, a few times. */
const ATTEMPTS_ON_A_MOVING_PRICE = 3;

/**
 * A limit order, in one fenced transaction under the user's order lease, never a workflow: it either
 * fills at once, at the listed price, because that price already meets the limit (the transaction
 * checks the price is still the listed one), or rests OPEN with its funds on a hold (BUY: quantity ×
 * limit rounded up; SELL: the quantity), to be filled by a price change (fill-open-orders.ts),
 * cancelled, or expired by the reaper.
 */
export async function placeLimitOrder(command: LimitOrderCommand): Promise<Executed> {
  const { userId, idempotency } = command;
  if (isBelowMinimumTotal(command.quantity, command.limitPrice)) {
    throw new ValidationError('The order is worth less than 0.01 USD (quantity × limitPrice); order more.');
  }
  return runRequestUnderLease(userId, 'order', idempotency, async (leased) => {
    for (let attempt = 1; ; attempt++) {
      const price = await readListedPrice(command.asset);
      const decision = decide(command, leased, price);
      const outcome = withBalance(decision.outcome, decision.after ?? leased.before);
      const record = idempotency ? idempotencyRecordPut(userId, idempotency, outcome) : undefined;
      try {
        await leased.write({
          after: decision.after,
          items: { ...decision.items, record },
          release: true,
          step: `limit order ${attempt}`,
        });
        return { outcome, replayed: false };
      } catch (error) {
        const repriced = error instanceof ItemConditionFailed && error.failed('asset') !== undefined;
        if (!repriced || attempt >= ATTEMPTS_ON_A_MOVING_PRICE) throw error;
      }
    }
  });
}

function decide(
  command: LimitOrderCommand,
  { lease, before }: LeasedStep,
  price: bigint | undefined,
): Decision {
  const { userId, side, asset, quantity, limitPrice } = command;
  try {
    // Cash is not an asset one can trade for cash, whatever an admin listed.
    if (price === undefined || asset === CASH) throw new UnknownAssetError(asset);
    // One clock reading, so the order's expiry is exactly its lifetime after its creation.
    const now = new Date();
    const createdAt = now.toISOString();
    const base = { orderId: ulid(), userId, side, asset, quantity, createdAt, updatedAt: createdAt };
    if (isSatisfied(side, limitPrice, price)) {
      const order: Order = {
        ...base,
        price,
        total: tradeTotal(side, quantity, price),
        status: 'COMPLETED',
        lockFence: lease.fence,
        limit: { limitPrice },
      };
      const { after, entries } = settleOrder(reserveFunds(before, order), order, createdAt);
      return {
        outcome: { status: 'completed', result: { order: orderView(order) } },
        after,
        items: {
          order: newOrderPut(order),
          ledger: entries.map((entry) => ledgerEntryPut(userId, entry)),
          asset: listedPriceCheck(asset, price),
        },
      };
    }
    const held = heldFor(base, limitPrice);
    const hold = newHold(
      {
        userId,
        asset: held.asset,
        amount: held.amount,
        purpose: { orderId: base.orderId },
        expiresInSeconds: command.expiresInSeconds,
      },
      now,
    );
    const order: Order = {
      ...base,
      price: limitPrice,
      total: tradeTotal(side, quantity, limitPrice),
      status: 'OPEN',
      lockFence: lease.fence,
      limit: { limitPrice, expiresAt: hold.expiresAt, holdId: hold.holdId },
    };
    return {
      outcome: { status: 'completed', result: { order: orderView(order) } },
      after: holdFunds(before, hold),
      items: { order: openOrderPut(order), hold: newHoldPuts(hold) },
    };
  } catch (error) {
    if (!(error instanceof DomainError && error.business)) throw error;
    return {
      outcome: { status: 'rejected', code: error.code, message: error.message, requestId: command.requestId },
      items: {},
    };
  }
}

/** The answer carries the balance the transaction leaves, and a replay the same. */
function withBalance(outcome: Outcome, after: BalanceState): Outcome {
  if (outcome.status !== 'completed') return outcome;
  return { status: 'completed', result: { ...outcome.result, balance: balanceView(after) } };
}
