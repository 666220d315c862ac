import type { BalanceState } from '../accounts/balance-state';

/** Balances moved since the states the change was computed from; `current` is what they are now, by user. */
export class StaleBalanceError extends Error {
  override readonly name = 'StaleBalanceError';
  constructor(readonly current: ReadonlyMap<string, BalanceState>) {
    super(`The balance of ${[...current.keys()].join(', ')} changed since it was read`);
  }
}

/** Balance states by user id. */
export type Balances = ReadonlyMap<string, BalanceState>;

/**
 * A stale state costs one more try, on the states the failed write handed back (ALL_OLD), never a
 * read. The holder of a user's lock is the only writer of its balance (a transfer holds both the
 * payer's and the payee's, ADR 0006), so a second miss in a row means something is wrong and is raised.
 */
const RETRIES_ON_STALE_BALANCE = 1;

/**
 * Runs `attempt` on `balances`; if its write finds balances moved, runs it again on the current
 * ones. The one place that decides how a stale balance is retried.
 */
export async function onFreshBalances<T>(
  balances: Balances,
  attempt: (balances: Balances) => Promise<T>,
): Promise<T> {
  let current = balances;
  for (let retries = 0; ; retries++) {
    try {
      return await attempt(current);
    } catch (error) {
      if (!(error instanceof StaleBalanceError) || retries >= RETRIES_ON_STALE_BALANCE) throw error;
      current = new Map([...current, ...error.current]);
    }
  }
}

/** onFreshBalances for one user's balance. */
export function onFreshBalance<T>(
  userId: string,
  before: BalanceState,
  attempt: (before: BalanceState) => Promise<T>,
): Promise<T> {
  return onFreshBalances(new Map([[userId, before]]), (balances) => attempt(balances.get(userId) ?? before));
}
