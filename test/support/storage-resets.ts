import { onDocumentClient } from '../../common/storage/client';

let resetsLeft = 0;
let installed = false;

/**
 * Makes this process's next `count` DynamoDB calls fail as a reset connection, before the SDK's own
 * retries see them, so each one surfaces as StorageUnreachableError (and as 503 at the HTTP edge).
 * 0 turns it off; call that after each test.
 */
export function resetNextStorageCalls(count: number): void {
  resetsLeft = count;
  if (installed) return;
  installed = true;
  onDocumentClient((client) => {
    client.middlewareStack.add(
      (next) => async (args) => {
        if (resetsLeft > 0) {
          resetsLeft--;
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'testConnectionReset' },
    );
  });
}
