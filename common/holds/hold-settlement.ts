import { type BalanceState, consumeHold, hold as holdOnBalance, voidHold } from '../accounts/balance-state';
import {
  CaptureExceedsHoldError,
  HoldAlreadyCapturedError,
  HoldAlreadyVoidedError,
  HoldExpiredError,
} from '../errors';
import { ulid } from '../ids/ulid';
import { formatAmount } from '../money/amounts';
import type { Hold, HoldPurpose, HoldStatus } from './hold';

/**
 * A hold's balance arithmetic, pure. Placing moves the amount from available to held; resolving
 * moves it out of held again: spent (captured) or back to available (released). None of this changes
 * available + held except the spent part, so only a capture writes ledger entries.
 */
export interface HoldSpec {
  readonly userId: string;
  readonly asset: string;
  readonly amount: bigint;
  readonly purpose: HoldPurpose;
  readonly expiresInSeconds: number;
}

export function newHold(spec: HoldSpec, now: Date = new Date()): Hold {
  const at = now.toISOString();
  return {
    holdId: ulid(),
    userId: spec.userId,
    asset: spec.asset,
    amount: spec.amount,
    captured: 0n,
    status: 'PENDING',
    purpose: spec.purpose,
    expiresAt: new Date(now.getTime() + spec.expiresInSeconds * 1000).toISOString(),
    createdAt: at,
    updatedAt: at,
  };
}

/** Throws InsufficientFundsError / InsufficientAssetError naming both figures. */
export function holdFunds(state: BalanceState, hold: Hold): BalanceState {
  return holdOnBalance(state, hold.asset, hold.amount);
}

/** Spends `amount` of the hold and releases the rest; more than the hold is a business refusal. */
export function captureFunds(state: BalanceState, hold: Hold, amount: bigint): BalanceState {
  if (amount > hold.amount) {
    throw new CaptureExceedsHoldError(
      formatAmount(hold.asset, hold.amount),
      formatAmount(hold.asset, amount),
      hold.asset,
    );
  }
  return voidHold(consumeHold(state, hold.asset, amount), hold.asset, hold.amount - amount);
}

/** Void or expiry: the whole hold goes back to available. */
export function releaseFunds(state: BalanceState, hold: Hold): BalanceState {
  return voidHold(state, hold.asset, hold.amount);
}

export const isExpired = (hold: Hold, now: Date = new Date()): boolean => hold.expiresAt <= now.toISOString();

/**
 * A hold resolves at most once, and never after it expired: throws the 409 that says why this one
 * cannot be captured or voided. The transaction's own condition repeats the check, so this is only
 * the early, readable answer.
 */
export function assertResolvable(hold: Hold, now: Date = new Date()): void {
  if (hold.status === 'CAPTURED') throw new HoldAlreadyCapturedError();
  if (hold.status === 'VOIDED') throw new HoldAlreadyVoidedError();
  if (hold.status === 'EXPIRED' || isExpired(hold, now)) throw new HoldExpiredError(hold.expiresAt);
}

export function resolvedHold(
  hold: Hold,
  status: Exclude<HoldStatus, 'PENDING'>,
  captured: bigint,
  at: Date = new Date(),
): Hold {
  return { ...hold, status, captured, updatedAt: at.toISOString() };
}
