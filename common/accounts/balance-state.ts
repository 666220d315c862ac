import { InsufficientAssetError, InsufficientFundsError } from '../errors';
import type { DailyUsage, LimitOverrides } from '../limits/daily-limits';
import { CASH, formatAmount } from '../money/amounts';

/**
 * A user's balances in minor units, as one value. Functions here are pure: they compute the next
 * state, and only `writeUnderLease` stores it, together with the lock's fenced write.
 */
export interface Holding {
  readonly available: bigint;
  readonly held: bigint;
}

/**
 * The account as one item. Besides the balances it carries the day's use of the daily limits and
 * any limits an admin set: the version compare-and-set that guards the balances then guards them
 * too, and the lock's snapshot brings them to every operation without a read.
 */
export interface BalanceState {
  /** Increases by one with every stored change; the store compares it before writing. */
  readonly version: number;
  readonly assets: Readonly<Record<string, Holding>>;
  /** The last UTC day on which a deposit or withdrawal was counted, and its counts. */
  readonly usage?: DailyUsage;
  /** Present only when an admin gave this user limits other than the defaults. */
  readonly limits?: LimitOverrides;
}

export const EMPTY_BALANCE: BalanceState = { version: 0, assets: {} };
const ZERO: Holding = { available: 0n, held: 0n };

export function holdingOf(state: BalanceState, asset: string): Holding {
  return state.assets[asset] ?? ZERO;
}

/** available + held: what the ledger entries of this asset sum to. */
export function totalOf(state: BalanceState, asset: string): bigint {
  const holding = holdingOf(state, asset);
  return holding.available + holding.held;
}

function withHolding(state: BalanceState, asset: string, holding: Holding): BalanceState {
  return { ...state, assets: { ...state.assets, [asset]: holding } };
}

function insufficient(asset: string, available: bigint, required: bigint): Error {
  if (asset === CASH)
    return new InsufficientFundsError(formatAmount(asset, available), formatAmount(asset, required));
  return new InsufficientAssetError(asset, formatAmount(asset, available), formatAmount(asset, required));
}

export function credit(state: BalanceState, asset: string, amount: bigint): BalanceState {
  const holding = holdingOf(state, asset);
  return withHolding(state, asset, { ...holding, available: holding.available + amount });
}

/** Throws InsufficientFundsError / InsufficientAssetError naming both figures. */
export function debit(state: BalanceState, asset: string, amount: bigint): BalanceState {
  const holding = holdingOf(state, asset);
  if (holding.available < amount) throw insufficient(asset, holding.available, amount);
  return withHolding(state, asset, { ...holding, available: holding.available - amount });
}

/** Phase one of a two-phase transfer: move `amount` from available to held. */
export function hold(state: BalanceState, asset: string, amount: bigint): BalanceState {
  const holding = holdingOf(state, asset);
  if (holding.available < amount) throw insufficient(asset, holding.available, amount);
  return withHolding(state, asset, { available: holding.available - amount, held: holding.held + amount });
}

/** Post: the held amount leaves the account. */
export function consumeHold(state: BalanceState, asset: string, amount: bigint): BalanceState {
  const holding = holdingOf(state, asset);
  if (holding.held < amount)
    throw new Error(`Cannot consume ${amount} of ${asset}: only ${holding.held} is held`);
  return withHolding(state, asset, { ...holding, held: holding.held - amount });
}

/** Void: the held amount returns to available. */
export function voidHold(state: BalanceState, asset: string, amount: bigint): BalanceState {
  const holding = holdingOf(state, asset);
  if (holding.held < amount)
    throw new Error(`Cannot void ${amount} of ${asset}: only ${holding.held} is held`);
  return withHolding(state, asset, { available: holding.available + amount, held: holding.held - amount });
}
