import { tableName } from '../storage/client';
import { keys } from '../storage/keys';
import { readBigInt } from '../storage/numbers';
import type { StoredItem, TransactItem } from '../storage/transact';

export type LedgerEntryType = 'DEPOSIT' | 'WITHDRAWAL' | 'BUY' | 'SELL';

/** One immutable ledger line. `amount` is signed; `balanceAfter` is the asset's available + held. */
export interface LedgerEntry {
  readonly id: string;
  readonly type: LedgerEntryType;
  readonly asset: string;
  readonly amount: bigint;
  readonly balanceAfter: bigint;
  readonly orderId?: string;
  readonly createdAt: string;
}

/** Appends the entry; the condition makes a replayed append fail instead of writing twice. */
export function ledgerEntryPut(userId: string, entry: LedgerEntry): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.ledgerEntry(userId, entry.id), ...entry },
      ConditionExpression: 'attribute_not_exists(sk)',
    },
  };
}

export function ledgerEntryFromItem(item: StoredItem): LedgerEntry {
  return {
    id: String(item.id),
    type: item.type as LedgerEntryType,
    asset: String(item.asset),
    amount: readBigInt(item.amount),
    balanceAfter: readBigInt(item.balanceAfter),
    orderId: typeof item.orderId === 'string' ? item.orderId : undefined,
    createdAt: String(item.createdAt),
  };
}
