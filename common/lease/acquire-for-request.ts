import { type IdempotencyRequest, replayIfFinished } from '../idempotency/idempotency-record';
import type { Executed } from '../outcomes/outcome';
import type { LeasePurpose } from './lease-durations';
import { acquireUserLock, type Lease } from './user-lock';

/**
 * Takes the user's lock for a request, marked with its idempotency key. A request that finds its own
 * key on the lock, held by a repeat replaying a finished request, gets that stored outcome instead.
 */
export async function acquireForRequest(
  userId: string,
  purpose: LeasePurpose,
  idempotency: IdempotencyRequest | undefined,
): Promise<{ lease: Lease } | { replayed: Executed }> {
  try {
    return { lease: await acquireUserLock(userId, purpose, { holderKey: idempotency?.key }) };
  } catch (error) {
    const replayed = await replayIfFinished(error, userId, idempotency);
    if (replayed) return { replayed };
    throw error;
  }
}
