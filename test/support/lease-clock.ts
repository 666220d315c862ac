import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
