import { ItemConditionFailed } from '../lease/write-under-lease';
import { logger } from '../observability/logger';
import { recordHoldsExpired } from '../observability/metrics';
import { type ReapReport, type ReapResult, reapExpired, underRecoveryLease } from '../reaper/reap-expired';
import { PENDING_HOLD_PK } from '../storage/keys';
import type { Hold } from './hold';
import { releaseFunds, resolvedHold } from './hold-settlement';
import { holdFromItem, readHold, resolveHoldWrites } from './hold-store';

/**
 * Holds still PENDING after `expiresAt` can no longer be captured or voided (the condition in those
 * transactions refuses them), so the reaper marks them EXPIRED and returns their funds to the payer.
 * It runs with the order reaper, on the same schedule and index.
 */
export async function reapExpiredHolds(): Promise<ReapReport> {
  const report = await reapExpired({
    pendingPk: PENDING_HOLD_PK,
    noun: 'hold',
    fromItem: holdFromItem,
    describe: (hold) => ({ holdId: hold.holdId, userId: hold.userId }),
    reap: expireHold,
  });
  if (report.expired > 0) recordHoldsExpired(report.expired);
  return report;
}

/** Under a brief 'recovery' lease on the payer: release, mark EXPIRED, in one fenced transaction. */
function expireHold(listed: Hold): Promise<ReapResult> {
  return underRecoveryLease(listed.userId, async ({ before, write }) => {
    const hold = await readHold(listed.holdId);
    if (hold?.status !== 'PENDING') return 'alreadyResolved';
    try {
      await write({
        after: releaseFunds(before, hold),
        items: { hold: resolveHoldWrites(resolvedHold(hold, 'EXPIRED', 0n), 'expired') },
        release: true,
        step: `expire ${hold.holdId}`,
      });
    } catch (error) {
      if (error instanceof ItemConditionFailed) return 'alreadyResolved';
      throw error;
    }
    logger.info('hold expired', { holdId: hold.holdId, userId: hold.userId });
    return 'expired';
  });
}
