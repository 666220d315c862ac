import { NotFoundError } from '../errors';
import { runUnderLease } from '../lease/run-under-lease';
import { acquireUserLock } from '../lease/user-lock';
import { type LimitOverrides, withLimitOverrides } from './daily-limits';
import { type LimitsView, limitsView } from './limits-view';

/**
 * An admin gives a user their own daily limits, replacing any set before; a kind left out follows
 * the default again. It is a fenced write under the user's lease like any other change of the
 * account, so an operation in flight either commits before it, on the old limits, or is judged
 * on the new ones: never on a mix.
 */
export async function setDailyLimits(userId: string, overrides: LimitOverrides): Promise<LimitsView> {
  const lease = await acquireUserLock(userId, 'limits');
  return runUnderLease(lease, async ({ before, write }) => {
    // Limits are part of an account, and an account exists from its first deposit on.
    if (before.version === 0) {
      throw new NotFoundError(
        `User ${userId} has no account yet: limits can be set after its first deposit.`,
      );
    }
    const stored = await write({
      after: withLimitOverrides(before, overrides),
      items: {},
      release: true,
      step: 'limits',
    });
    return limitsView(userId, stored, new Date());
  });
}
