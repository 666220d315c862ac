import { type IdempotencyRequest, replayIfFinished } from '../idempotency/idempotency-record';
import type { Executed } from '../outcomes/outcome';
import { acquireUserLocks } from './acquire-user-locks';
import type { LeasePurpose } from './lease-durations';
import type { Lease } from './user-lock';

/**
 * Takes the user's lock for a request, marked with its idempotency key, and the locks of
 * `alsoLocked` for the same purpose, without deadlock (`acquireUserLocks`). A request that finds its
 * own key on the lock, held by a repeat replaying a finished request, gets that stored outcome instead.
 * `waitsFor` marks the user's lock with the user its holder will wait on (see `AcquireOptions`).
 */
export async function acquireForRequest(
  userId: string,
  purpose: LeasePurpose,
  idempotency: IdempotencyRequest | undefined,
  alsoLocked: readonly string[] = [],
  waitsFor?: string,
): Promise<{ lease: Lease; others: readonly Lease[] } | { replayed: Executed }> {
  try {
    const [lease, ...others] = await acquireUserLocks([
      { userId, purpose, holderKey: idempotency?.key, waitsFor },
      ...alsoLocked.map((other) => ({ userId: other, purpose })),
    ]);
    return { lease: lease as Lease, others };
  } catch (error) {
    const replayed = await replayIfFinished(error, userId, idempotency);
    if (replayed) return { replayed };
    throw error;
  }
}
