import { tableName } from '../storage/client';
import { keys } from '../storage/keys';
import { readBigInt } from '../storage/numbers';
import type { StoredItem, TransactItem } from '../storage/transact';

export type LedgerEntryType = 'DEPOSIT' | 'WITHDRAWAL' | 'BUY' | 'SELL' | 'TRANSFER_IN' | 'TRANSFER_OUT';

/** One immutable ledger line. `amount` is signed; `balanceAfter` is the asset's available + held. */
export interface LedgerEntry {
  readonly id: string;
  readonly type: LedgerEntryType;
  readonly asset: string;
  readonly amount: bigint;
  readonly balanceAfter: bigint;
  readonly orderId?: string;
  /** A transfer's two entries, one on each side, share its id; each names the other user. */
  readonly transferId?: string;
  readonly counterparty?: string;
  readonly memo?: string;
  /** Set on the two entries of a hold's capture: the held funds paid to the payee. */
  readonly holdId?: string;
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

const optionalText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function ledgerEntryFromItem(item: StoredItem): LedgerEntry {
  return {
    id: String(item.id),
    type: item.type as LedgerEntryType,
    asset: String(item.asset),
    amount: readBigInt(item.amount),
    balanceAfter: readBigInt(item.balanceAfter),
    orderId: optionalText(item.orderId),
    transferId: optionalText(item.transferId),
    counterparty: optionalText(item.counterparty),
    memo: optionalText(item.memo),
    holdId: optionalText(item.holdId),
    createdAt: String(item.createdAt),
  };
}
