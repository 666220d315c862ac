import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type BalanceState, credit } from '../../common/accounts/balance-state';
import type { Lease } from '../../common/lease/user-lock';
import { writeUnderLease } from '../../common/lease/write-under-lease';
import { CASH } from '../../common/money/amounts';
import { documentClient, tableName } from '../../common/storage/client';
import { keys } from '../../common/storage/keys';

/** Moves a lease's expiry into the past: what the clock does to a holder that pauses past its lease. */
export async function expireLock(userId: string): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.lock(userId),
      UpdateExpression: 'SET expiresAt = :past',
      ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
    }),
  );
}

/** What a holder that paused past its lease tries on waking: credit 1,000.00 on the balance it read. */
export function lateCreditByPausedHolder(paused: Lease, before: BalanceState): Promise<BalanceState> {
  return writeUnderLease({
    lease: paused,
    before,
    after: credit(before, CASH, 100_000n),
    items: {},
    release: true,
    step: 'deposit',
  });
}
