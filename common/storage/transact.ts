import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type StoredItem = Record<string, unknown>;

/**
 * A transaction was cancelled because conditions failed. `failures` lists each failed item's position
 * in the transaction with the item as it was (ReturnValuesOnConditionCheckFailure: ALL_OLD), so callers
 * learn the current state without a second read.
 */
export class ConditionsFailed extends Error {
  override readonly name = 'ConditionsFailed';
  constructor(readonly failures: ReadonlyArray<{ index: number; item: StoredItem | undefined }>) {
    super(`Transaction conditions failed at ${failures.map((failure) => failure.index).join(', ')}`);
  }

  failureAt(index: number): { item: StoredItem | undefined } | undefined {
    return this.failures.find((failure) => failure.index === index);
  }
}

function conditionFailures(reasons: readonly CancellationReason[]) {
  return reasons.flatMap((reason, index) =>
    reason.Code === 'ConditionalCheckFailed'
      ? [{ index, item: reason.Item ? unmarshall(reason.Item, { wrapNumbers: true }) : undefined }]
      : [],
  );
}

async function sendTransaction(items: TransactItem[], clientRequestToken: string | undefined): Promise<void> {
  try {
    await documentClient().send(
      new TransactWriteCommand({ TransactItems: items, ClientRequestToken: clientRequestToken }),
    );
  } catch (error) {
    const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
    if ((error as Error).name === 'TransactionCanceledException' && reasons) {
      const failures = conditionFailures(reasons);
      // Only a pure condition failure is a business signal; conflicts and throttling stay technical.
      if (
        failures.length > 0 &&
        reasons.every((r) => r.Code === 'None' || r.Code === 'ConditionalCheckFailed')
      ) {
        throw new ConditionsFailed(failures);
      }
    }
    throw error;
  }
}

/** A failure after which the transaction may or may not have committed: the answer was lost. */
function outcomeUnknown(error: unknown): boolean {
  return !(error instanceof ConditionsFailed) && (error as { $fault?: string }).$fault !== 'client';
}

/**
 * Runs one TransactWriteItems. `clientRequestToken` makes a repeat of a transaction that did commit a
 * no-op that answers success (DynamoDB honours it for ten minutes). So when the answer is lost (a
 * network error or a server fault after the SDK's own retries) the same transaction is sent once
 * more with the same token: that turns "committed, but the caller never heard" into a plain success,
 * and "never committed" into one commit, instead of a 5xx that would wrongly say nothing changed.
 */
export async function transactWrite(items: TransactItem[], clientRequestToken?: string): Promise<void> {
  try {
    await sendTransaction(items, clientRequestToken);
  } catch (error) {
    if (!clientRequestToken || !outcomeUnknown(error)) throw error;
    await sendTransaction(items, clientRequestToken);
  }
}

export function isConditionalCheckFailure(error: unknown): error is Error & { Item?: Record<string, never> } {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}
