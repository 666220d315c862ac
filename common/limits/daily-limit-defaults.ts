import type { DailyLimits } from './daily-limits';

/**
 * The daily limits of every user an admin has not given limits of their own
 * (`PUT /users/{userId}/limits`), in cents per UTC day. The one place they are set; the contract
 * states these figures.
 */
export const DEFAULT_DAILY_LIMITS: DailyLimits = {
  deposit: 1_000_000n,
  withdrawal: 500_000n,
};
