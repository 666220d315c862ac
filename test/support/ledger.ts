import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { totalOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { type LedgerEntry, ledgerEntryFromItem } from '../../common/ledger/ledger-entry';
import { documentClient, tableName } from '../../common/storage/client';
import { userPk } from '../../common/storage/keys';

/** All of a user's ledger entries, oldest first, read straight from the table. */
export async function ledgerOf(userId: string): Promise<LedgerEntry[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tx)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':tx': 'TX#' },
      ConsistentRead: true,
    }),
  );
  return Items.map(ledgerEntryFromItem);
}

/**
 * The ledger invariants for one asset: entries sum to available + held, and each entry's balanceAfter
 * is the running sum (the chain has no gap and no fork).
 */
export async function expectLedgerConsistent(userId: string, asset: string): Promise<bigint> {
  const entries = (await ledgerOf(userId)).filter((entry) => entry.asset === asset);
  let running = 0n;
  for (const entry of entries) {
    running += entry.amount;
    if (entry.balanceAfter !== running) {
      throw new Error(
        `Ledger chain broken at ${entry.id}: balanceAfter ${entry.balanceAfter}, running sum ${running}`,
      );
    }
  }
  const total = totalOf(await readBalance(userId), asset);
  if (total !== running) throw new Error(`Ledger sums to ${running} but available + held is ${total}`);
  return running;
}
