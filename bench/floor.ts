import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../common/storage/client';
import { runId } from './clients/bench-user';

/**
 * The floor: one conditional PutItem, through the same SDK client and against the same DynamoDB
 * Local as everything else. No design that changes state safely can take fewer round trips than one.
 */
export function floorPutItem(): () => Promise<void> {
  const pk = `FLOOR#${runId()}`;
  let sequence = 0;
  return async () => {
    sequence += 1;
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk, sk: String(sequence), value: sequence },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  };
}
