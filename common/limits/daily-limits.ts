import type { BalanceState } from '../accounts/balance-state';
import { DailyLimitExceededError } from '../errors';
import { CASH, formatAmount } from '../money/amounts';
import { DEFAULT_DAILY_LIMITS } from './daily-limit-defaults';

/** A withdrawal's limit also bounds every other way cash leaves the account, such as a transfer out. */
export type LimitKind = 'deposit' | 'withdrawal';
export const LIMIT_KINDS: readonly LimitKind[] = ['deposit', 'withdrawal'];

/** Cents per UTC day. */
export type DailyLimits = Readonly<Record<LimitKind, bigint>>;

/** An admin's limits for one user; a kind left out follows the default. */
export type LimitOverrides = Partial<DailyLimits>;

/** What a user moved on one UTC day, in cents, by kind. */
export interface DailyUsage {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly deposit: bigint;
  readonly withdrawal: bigint;
}

/** The UTC day an instant falls on, as `YYYY-MM-DD`. */
export function utcDayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** When the UTC day of `at` ends and every usage starts again from zero. */
export function nextUtcMidnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}

/** The account's usage on `day`: what it stored for that day, or nothing when it stored another day. */
export function usageOn(state: BalanceState, day: string): DailyUsage {
  return state.usage?.day === day ? state.usage : { day, deposit: 0n, withdrawal: 0n };
}

export function limitsOf(state: BalanceState): DailyLimits {
  return {
    deposit: state.limits?.deposit ?? DEFAULT_DAILY_LIMITS.deposit,
    withdrawal: state.limits?.withdrawal ?? DEFAULT_DAILY_LIMITS.withdrawal,
  };
}

/** The figures a refusal names, and the limits view shows, for one kind on one day. */
export interface LimitFigures {
  readonly kind: LimitKind;
  readonly day: string;
  readonly limit: bigint;
  readonly used: bigint;
  readonly remaining: bigint;
}

export function figuresOf(state: BalanceState, kind: LimitKind, at: Date): LimitFigures {
  const day = utcDayOf(at);
  const limit = limitsOf(state)[kind];
  const used = usageOn(state, day)[kind];
  const remaining = limit > used ? limit - used : 0n;
  return { kind, day, limit, used, remaining };
}

/**
 * Counts `amount` against the account's `kind` limit for the UTC day of `at`, or throws
 * DailyLimitExceededError naming the limit, the day's use and what is left. The count lives on the
 * balance item, so the version compare-and-set of the fenced write that moves the money is also
 * the check that the limit still holds: two writes can never both spend the same room.
 */
export function chargeDailyLimit(
  state: BalanceState,
  kind: LimitKind,
  amount: bigint,
  at: Date,
): BalanceState {
  const figures = figuresOf(state, kind, at);
  if (amount > figures.remaining) {
    throw new DailyLimitExceededError({
      kind,
      day: figures.day,
      limit: formatAmount(CASH, figures.limit),
      used: formatAmount(CASH, figures.used),
      remaining: formatAmount(CASH, figures.remaining),
      requested: formatAmount(CASH, amount),
      resetsAt: nextUtcMidnight(at).toISOString(),
    });
  }
  const usage = usageOn(state, figures.day);
  return { ...state, usage: { ...usage, [kind]: usage[kind] + amount } };
}

/** The account with an admin's limits in place of any it had; `{}` puts it back on the defaults. */
export function withLimitOverrides(state: BalanceState, overrides: LimitOverrides): BalanceState {
  const limits: LimitOverrides = {
    ...(overrides.deposit === undefined ? {} : { deposit: overrides.deposit }),
    ...(overrides.withdrawal === undefined ? {} : { withdrawal: overrides.withdrawal }),
  };
  const { limits: _replaced, ...rest } = state;
  return Object.keys(limits).length > 0 ? { ...rest, limits } : rest;
}
