import { setDailyLimits } from '../../common/limits/set-daily-limits';
import { CASH_SCALE } from '../../common/money/amounts';
import type { ApiClient, BenchUser } from '../clients/api-client';
import { fromMinorUnits, toMinorUnits } from '../money-text';
import { TRADED_ASSET } from '../operations';

/** Enough that no measured withdrawal or buy is ever refused for want of funds. */
export const STARTING_CASH = '1000000.00';
export const STARTING_ASSET = '0.05';

/** The first deposit opens the account, which an admin needs before it can set the account's limits. */
const OPENING_DEPOSIT = 1n;

/**
 * The benchmark measures the lock and the ledger, not the daily limits, so its users may move up to
 * the contract's largest amount a day. Set through the domain, as the admin route would, since the
 * benchmark's users hold no admin token.
 */
const BENCH_DAILY_LIMIT = 100_000_000_000n;

async function post(client: ApiClient, user: BenchUser, path: string, body: unknown): Promise<void> {
  const answer = await client.send(user, { method: 'POST', path, body });
  if (answer.status !== 201) {
    throw new Error(
      `Funding ${user.userId} with POST ${path} got ${answer.status}: ${answer.body.slice(0, 300)}`,
    );
  }
}

/** Exactly `cash` in the account, with the daily limits lifted before anything past them arrives. */
export async function fundCash(client: ApiClient, user: BenchUser, cash: string): Promise<void> {
  const rest = toMinorUnits(cash, CASH_SCALE) - OPENING_DEPOSIT;
  await post(client, user, '/deposits', { amount: fromMinorUnits(OPENING_DEPOSIT, CASH_SCALE) });
  await setDailyLimits(user.userId, { deposit: BENCH_DAILY_LIMIT, withdrawal: BENCH_DAILY_LIMIT });
  if (rest > 0n) await post(client, user, '/deposits', { amount: fromMinorUnits(rest, CASH_SCALE) });
}

/** Cash always; the traded asset too when sells are measured, bought like any user would. */
export async function fund(
  client: ApiClient,
  user: BenchUser,
  options: { readonly cash?: string; readonly asset?: string } = {},
): Promise<void> {
  await fundCash(client, user, options.cash ?? STARTING_CASH);
  if (options.asset !== undefined) {
    await post(client, user, '/orders/buy', { asset: TRADED_ASSET, quantity: options.asset });
  }
}
