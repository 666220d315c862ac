import { LockedError } from '../../common/errors';
import type { Executed } from '../../common/outcomes/outcome';

/** A client that meets 409 LOCKED retries, as the contract's Retry-After invites. */
export async function withRetryOnLocked(run: () => Promise<Executed>): Promise<Executed> {
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof LockedError)) throw error;
    }
  }
}
