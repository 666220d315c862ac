import type { BalanceState } from '../accounts/balance-state';
import { CASH, formatAmount } from '../money/amounts';
import { figuresOf, LIMIT_KINDS, type LimitKind, nextUtcMidnight, utcDayOf } from './daily-limits';

export interface LimitView {
  readonly limit: string;
  readonly used: string;
  readonly remaining: string;
  /** `user` when an admin set this user's limit, `default` when it follows the configured one. */
  readonly source: 'default' | 'user';
}

export type LimitsView = {
  readonly userId: string;
  readonly day: string;
  readonly resetsAt: string;
} & Readonly<Record<LimitKind, LimitView>>;

/** The contract's Limits shape: each limit with what the UTC day of `at` has used of it. */
export function limitsView(userId: string, state: BalanceState, at: Date): LimitsView {
  const view = (kind: LimitKind): LimitView => {
    const figures = figuresOf(state, kind, at);
    return {
      limit: formatAmount(CASH, figures.limit),
      used: formatAmount(CASH, figures.used),
      remaining: formatAmount(CASH, figures.remaining),
      source: state.limits?.[kind] === undefined ? 'default' : 'user',
    };
  };
  const [deposit, withdrawal] = LIMIT_KINDS.map(view) as [LimitView, LimitView];
  return {
    userId,
    day: utcDayOf(at),
    resetsAt: nextUtcMidnight(at).toISOString(),
    deposit,
    withdrawal,
  };
}
