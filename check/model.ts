import { CASH, parseMinor, scaleOf } from './amounts';
import { definiteAnswer, fieldOf, type Operation, resolutionOf, stringAt } from './history';
import type { OrderRow } from './parse-state';

/** Per user, per asset: what available + held must be, in minor units. */
export type ExpectedTotals = Map<string, Map<string, bigint>>;

export interface ModelProblem {
  readonly operation: Operation;
  readonly message: string;
}

export interface Model {
  readonly totals: ExpectedTotals;
  /** Acknowledged answers the model could not read; the answers invariant reports them. */
  readonly problems: readonly ModelProblem[];
}

/** The effect of one acknowledged operation on one user's asset. */
export interface Effect {
  readonly userId: string;
  readonly asset: string;
  readonly amount: bigint;
}

/** What a final order says happened to an acknowledged order that rested OPEN; by user and order id. */
export type FinalOrders = ReadonlyMap<string, OrderRow>;
export const finalOrderKey = (userId: string, orderId: string): string => `${userId} ${orderId}`;

type Effects = { effects: Effect[] } | { problem: string };

function tradeEffects(
  userId: string,
  side: string,
  asset: string,
  quantity: bigint,
  total: bigint,
): Effect[] {
  return side === 'BUY'
    ? [
        { userId, asset: CASH, amount: -total },
        { userId, asset, amount: quantity },
      ]
    : [
        { userId, asset, amount: -quantity },
        { userId, asset: CASH, amount: total },
      ];
}

function orderEffects(operation: Operation, body: unknown, finalOrders: FinalOrders): Effects {
  const side = stringAt(body, 'order', 'side');
  const asset = stringAt(body, 'order', 'asset');
  if ((side !== 'BUY' && side !== 'SELL') || asset === undefined) {
    return { problem: 'the 201 body has no readable order.side and order.asset' };
  }
  if (stringAt(body, 'order', 'status') === 'OPEN') {
    // It filled, or not, without an answer: its final state says which, and at what total.
    const orderId = stringAt(body, 'order', 'orderId') ?? '';
    const final = finalOrders.get(finalOrderKey(operation.userId, orderId));
    if (final?.status !== 'COMPLETED') return { effects: [] };
    return { effects: tradeEffects(operation.userId, side, asset, final.quantity, final.total) };
  }
  const quantity = parseMinor(fieldOf(body, 'order', 'quantity'), scaleOf(asset));
  const total = parseMinor(fieldOf(body, 'order', 'total'), scaleOf(CASH));
  if (quantity === undefined || total === undefined) {
    return { problem: 'the 201 body has no readable order.quantity and order.total' };
  }
  return { effects: tradeEffects(operation.userId, side, asset, quantity, total) };
}

/** A payment moves cash from `from` to `to`: a transfer, or a hold's capture. */
function paymentEffects(from: unknown, to: unknown, amount: bigint | undefined, what: string): Effects {
  if (typeof from !== 'string' || typeof to !== 'string' || amount === undefined) {
    return { problem: `the 201 body has no readable ${what}` };
  }
  return {
    effects: [
      { userId: from, asset: CASH, amount: -amount },
      { userId: to, asset: CASH, amount },
    ],
  };
}

/**
 * The effect of one operation, read from its 201 body alone, except for a limit order that rested
 * OPEN: whether it filled later is for its final state to say. Placing, voiding and expiring a hold,
 * cancelling an order and changing a price move nothing between available + held totals.
 */
export function effectsOf(operation: Operation, finalOrders: FinalOrders = new Map()): Effects {
  const answer = definiteAnswer(operation);
  if (answer?.status !== 201) return { effects: [] };
  const body = answer.json;
  switch (operation.kind) {
    case 'fund':
    case 'deposit':
    case 'withdraw': {
      const amount = parseMinor(fieldOf(body, 'transaction', 'amount'), scaleOf(CASH));
      if (amount === undefined) return { problem: 'the 201 body has no readable transaction.amount' };
      return { effects: [{ userId: operation.userId, asset: CASH, amount }] };
    }
    case 'buy':
    case 'sell':
      return orderEffects(operation, body, finalOrders);
    case 'transfer': {
      const amount = parseMinor(fieldOf(body, 'transfer', 'amount'), 2);
      const transfer = fieldOf(body, 'transfer');
      return paymentEffects(fieldOf(transfer, 'from'), fieldOf(transfer, 'to'), amount, 'transfer');
    }
    case 'capture': {
      const captured = parseMinor(fieldOf(body, 'captured'), 2);
      return paymentEffects(
        fieldOf(body, 'from'),
        fieldOf(body, 'to'),
        captured,
        'hold from, to and captured',
      );
    }
    case 'hold':
    case 'void':
    case 'cancel':
    case 'price':
      return { effects: [] };
  }
}

/**
 * The client-side model: only acknowledged (201) answers move money in it, on every user they
 * name. A rejection moves nothing; an operation still indeterminate at the end makes the model
 * unknowable, which the definite-answers invariant reports.
 */
export function buildModel(
  operations: readonly Operation[],
  userIds: readonly string[],
  finalOrders: FinalOrders = new Map(),
): Model {
  const totals: ExpectedTotals = new Map(userIds.map((userId) => [userId, new Map<string, bigint>()]));
  const problems: ModelProblem[] = [];
  for (const operation of operations) {
    if (resolutionOf(operation) !== 'acknowledged') continue;
    const result = effectsOf(operation, finalOrders);
    if ('problem' in result) {
      problems.push({ operation, message: result.problem });
      continue;
    }
    for (const { userId, asset, amount } of result.effects) {
      let userTotals = totals.get(userId);
      if (!userTotals) {
        userTotals = new Map();
        totals.set(userId, userTotals);
      }
      userTotals.set(asset, (userTotals.get(asset) ?? 0n) + amount);
    }
  }
  return { totals, problems };
}
