import { CASH, parseMinor, scaleOf } from './amounts';
import { definiteAnswer, fieldOf, type Operation, resolutionOf, stringAt } from './history';

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

/** The effect of one acknowledged operation on each asset, read from its 201 body alone. */
export interface Effect {
  readonly asset: string;
  readonly amount: bigint;
}

export function effectsOf(operation: Operation): { effects: Effect[] } | { problem: string } {
  const answer = definiteAnswer(operation);
  if (answer?.status !== 201) return { effects: [] };
  const body = answer.json;
  if (operation.kind === 'fund' || operation.kind === 'deposit' || operation.kind === 'withdraw') {
    const amount = parseMinor(fieldOf(body, 'transaction', 'amount'), scaleOf(CASH));
    if (amount === undefined) return { problem: 'the 201 body has no readable transaction.amount' };
    return { effects: [{ asset: CASH, amount }] };
  }
  const side = stringAt(body, 'order', 'side');
  const asset = stringAt(body, 'order', 'asset');
  if ((side !== 'BUY' && side !== 'SELL') || asset === undefined) {
    return { problem: 'the 201 body has no readable order.side and order.asset' };
  }
  const quantity = parseMinor(fieldOf(body, 'order', 'quantity'), scaleOf(asset));
  const total = parseMinor(fieldOf(body, 'order', 'total'), scaleOf(CASH));
  if (quantity === undefined || total === undefined) {
    return { problem: 'the 201 body has no readable order.quantity and order.total' };
  }
  return side === 'BUY'
    ? {
        effects: [
          { asset: CASH, amount: -total },
          { asset, amount: quantity },
        ],
      }
    : {
        effects: [
          { asset, amount: -quantity },
          { asset: CASH, amount: total },
        ],
      };
}

/**
 * The client-side model: only acknowledged (201) answers move money in it. A rejection moves
 * nothing; an operation still indeterminate at the end makes the model unknowable, which the
 * definite-answers invariant reports.
 */
export function buildModel(operations: readonly Operation[], userIds: readonly string[]): Model {
  const totals: ExpectedTotals = new Map(userIds.map((userId) => [userId, new Map<string, bigint>()]));
  const problems: ModelProblem[] = [];
  for (const operation of operations) {
    if (resolutionOf(operation) !== 'acknowledged') continue;
    const result = effectsOf(operation);
    if ('problem' in result) {
      problems.push({ operation, message: result.problem });
      continue;
    }
    let userTotals = totals.get(operation.userId);
    if (!userTotals) {
      userTotals = new Map();
      totals.set(operation.userId, userTotals);
    }
    for (const { asset, amount } of result.effects) {
      userTotals.set(asset, (userTotals.get(asset) ?? 0n) + amount);
    }
  }
  return { totals, problems };
}
