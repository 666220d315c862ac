import { onDocumentClient } from '../../common/storage/client';
import { userPk } from '../../common/storage/keys';
import type { TransactItem } from '../../common/storage/transact';

/**
 * Runs `pause` once, just before the first TransactWriteItems that writes `userId`'s lock item: what
 * a holder that stalls between reading and committing lets happen.
 */
export function pauseBeforeFencedWrite(userId: string, pause: () => Promise<void>): void {
  let armed = true;
  onDocumentClient((client) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const items = (args.input as { TransactItems?: TransactItem[] }).TransactItems ?? [];
        // The document client's own middleware may already have marshalled the keys.
        const text = (value: unknown) => (value as { S?: string } | undefined)?.S ?? value;
        const writesLock = items.some(
          (item) => text(item.Update?.Key?.pk) === userPk(userId) && text(item.Update?.Key?.sk) === 'LOCK',
        );
        if (armed && context.commandName === 'TransactWriteItemsCommand' && writesLock) {
          armed = false;
          await pause();
        }
        return next(args);
      },
      { step: 'initialize', name: `pause-${userId}` },
    );
  });
}
