import { setTimeout as sleep } from 'node:timers/promises';
import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';

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
 * A user's own operations meet a stale state about once (a snapshot older than the balance), and the
 * first retry runs at once on the states the failed write handed back (ALL_OLD), without a read. But
 * a transfer credits its payee without the payee's lease (ADR 0006), so payers paying one payee at
 * once race for its balance version, and only one of them wins each round. Retrying them all at once
 * would only repeat the race and load the table with transactions bound to fail; so later retries
 * wait a random, growing time first (full jitter) and then read the moved balances afresh. The bound
 * is how long a loser keeps trying, about 2 s on average, before it gives up with a 500.
 */
const RETRIES_ON_STALE_BALANCE = 20;
const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 200;

async function afterBackoff(retry: number, moved: Balances): Promise<Balances> {
  await sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry));
  const users = [...moved.keys()];
  const read = await Promise.all(users.map((userId) => readBalance(userId)));
  return new Map(users.map((userId, index) => [userId, read[index] ?? (moved.get(userId) as BalanceState)]));
}

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
      const moved = retries === 0 ? error.current : await afterBackoff(retries, error.current);
      current = new Map([...current, ...moved]);
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
