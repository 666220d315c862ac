import { deriveSeed, type Random, seededRandom } from '../local/faults/seeded-random';
import { planBank } from './bank-workload';
import type { OperationKind, ReferenceField } from './history';
import { CASH_MIX, type Mix, pickKind, plainBody } from './plan-draws';
import { planTrading } from './trading-workload';

export interface PlannedOperation {
  readonly kind: OperationKind;
  /** Who sends it, unless `admin`. */
  readonly userIndex: number;
  /** Sent by the run's admin user instead (a price change). */
  readonly admin?: boolean;
  /** The payee of a transfer or hold; its user id goes into the body as `to`. */
  readonly payeeIndex?: number;
  readonly body: Readonly<Record<string, string | number>>;
  /** The path's `{id}` when the plan knows it: the asset of a price change. */
  readonly pathId?: string;
  /** Acts on the hold or order that the load's earlier operation `index` was acknowledged with. */
  readonly refersTo?: { readonly index: number; readonly field: ReferenceField };
}

export interface Workload {
  readonly funding: readonly PlannedOperation[];
  readonly load: readonly PlannedOperation[];
}

export type WorkloadKind = 'trading' | 'cash-only' | 'bank';

/** Plans the load's operation `index` from its own random stream, knowing what was planned before it. */
export type LoadPlanner = (random: Random, index: number) => PlannedOperation;

function simplePlanner(mix: Mix, users: number): LoadPlanner {
  return (random) => {
    const kind = pickKind(random, mix);
    return { kind, userIndex: random.int(0, users - 1), body: plainBody(kind, random) };
  };
}

/**
 * The whole workload from the seed: every user funded once, then `ops` random operations on random
 * users. Each operation draws from its own sub-stream, so the plan does not depend on timing; one
 * that refers to an earlier operation is planned knowing only the plan, never an answer.
 */
export function planWorkload(
  seed: number,
  users: number,
  ops: number,
  kind: WorkloadKind,
  priceChanges = false,
): Workload {
  const funding = Array.from({ length: users }, (_, userIndex): PlannedOperation => {
    const random = seededRandom(deriveSeed(seed, 1, userIndex));
    return { kind: 'fund', userIndex, body: plainBody('fund', random) };
  });
  const planner =
    kind === 'bank'
      ? planBank(users)
      : kind === 'trading'
        ? planTrading(users, priceChanges)
        : simplePlanner(CASH_MIX, users);
  const load = Array.from({ length: ops }, (_, index) =>
    planner(seededRandom(deriveSeed(seed, 2, index)), index),
  );
  return { funding, load };
}
