import type { FinalUserState } from './final-state';
import {
  type Holding,
  type HoldRow,
  type LedgerEntry,
  type OrderRow,
  parseAll,
  parseBalance,
  parseHold,
  parseLedgerEntry,
  parseOrder,
} from './parse-state';

/** One user's final state, parsed once for every invariant. */
export interface UserView {
  readonly userId: string;
  /** Undefined when GET /balance was not readable; `balanceProblem` says why. */
  readonly holdings: ReadonlyMap<string, Holding> | undefined;
  readonly balanceProblem?: string;
  /** Oldest first: sorted by id, which the contract's newest-first listing and ULIDs make chronological. */
  readonly ledger: readonly LedgerEntry[];
  readonly orders: readonly OrderRow[] | undefined;
  /** The holds this user placed or is the payee of; undefined when GET /holds was not readable. */
  readonly holds: readonly HoldRow[] | undefined;
  readonly readAt: number;
  /** Items that were not readable at all. */
  readonly shapeProblems: readonly string[];
}

export function viewOf(state: FinalUserState): UserView {
  const balance = parseBalance(state.balance);
  const ledger = parseAll(state.transactions ?? [], parseLedgerEntry);
  const orders = state.orders === undefined ? undefined : parseAll(state.orders, parseOrder);
  const holds = state.holds === undefined ? undefined : parseAll(state.holds, parseHold);
  return {
    userId: state.userId,
    holdings: 'value' in balance ? balance.value : undefined,
    ...('problem' in balance ? { balanceProblem: balance.problem } : {}),
    ledger: [...ledger.values].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)),
    orders: orders?.values,
    holds: holds?.values,
    readAt: state.readAt,
    shapeProblems: [
      ...(state.transactions === undefined ? ['GET /transactions could not be read to the last page'] : []),
      ...(state.holds === undefined ? ['GET /holds could not be read to the last page'] : []),
      ...ledger.problems,
      ...(orders?.problems ?? []),
      ...(holds?.problems ?? []),
    ],
  };
}

/** Every asset either side mentions, so an asset missing on one side counts as zero there. */
export function assetsOf(...sources: ReadonlyArray<Iterable<string>>): string[] {
  const assets = new Set<string>();
  for (const source of sources) for (const asset of source) assets.add(asset);
  return [...assets].sort();
}

export const totalOf = (holding: Holding | undefined): bigint =>
  holding === undefined ? 0n : holding.available + holding.held;
