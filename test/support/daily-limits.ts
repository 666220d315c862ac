import { expect } from 'vitest';
import { setDailyLimits } from '../../common/limits/set-daily-limits';
import { CASH, formatAmount, parseCashAmount } from '../../common/money/amounts';
import type { TestApi } from './local-api';

/** The contract's largest amount, in cents: a day's limit no test about something else can reach. */
const ANY_AMOUNT = 100_000_000_000n;
const OPENING_DEPOSIT = 1n;

/**
 * Exactly `amount` deposited for a test about something else than the daily limits: the first cent
 * opens the account, whose limits are then lifted (as an admin would), and the rest follows.
 */
export async function depositPastDailyLimits(
  api: TestApi,
  userId: string,
  token: string,
  amount: string,
): Promise<void> {
  const deposit = async (cents: bigint) => {
    const answer = await api.request('POST', '/deposits', {
      token,
      body: { amount: formatAmount(CASH, cents) },
    });
    expect(answer.status, answer.text).toBe(201);
  };
  await deposit(OPENING_DEPOSIT);
  await setDailyLimits(userId, { deposit: ANY_AMOUNT, withdrawal: ANY_AMOUNT });
  await deposit(parseCashAmount(amount) - OPENING_DEPOSIT);
}
