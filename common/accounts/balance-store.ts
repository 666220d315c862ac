import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DailyUsage, LimitOverrides } from '../limits/daily-limits';
import { documentClient, tableName } from '../storage/client';
import { keys } from '../storage/keys';
import { readBigInt, readInt } from '../storage/numbers';
import type { StoredItem, TransactItem } from '../storage/transact';
import { type BalanceState, EMPTY_BALANCE, type Holding } from './balance-state';

type StoredUsage = { day?: unknown; deposit?: unknown; withdrawal?: unknown };
type StoredLimits = { deposit?: unknown; withdrawal?: unknown };

function usageFromItem(stored: StoredUsage | undefined): DailyUsage | undefined {
  if (typeof stored?.day !== 'string') return undefined;
  return {
    day: stored.day,
    deposit: readBigInt(stored.deposit, 0n),
    withdrawal: readBigInt(stored.withdrawal, 0n),
  };
}

function limitsFromItem(stored: StoredLimits | undefined): LimitOverrides | undefined {
  if (!stored) return undefined;
  return {
    ...(stored.deposit === undefined ? {} : { deposit: readBigInt(stored.deposit) }),
    ...(stored.withdrawal === undefined ? {} : { withdrawal: readBigInt(stored.withdrawal) }),
  };
}

/**
 * Stored shape, in minor units: `{ version: N, assets: { USD: { available: N, held: N } },
 * usage?: { day: "YYYY-MM-DD", deposit: N, withdrawal: N }, limits?: { deposit?: N, withdrawal?: N } }`.
 */
export function balanceFromItem(item: StoredItem | undefined): BalanceState {
  if (!item) return EMPTY_BALANCE;
  const stored = (item.assets ?? {}) as Record<string, { available?: unknown; held?: unknown }>;
  const assets: Record<string, Holding> = {};
  for (const [asset, holding] of Object.entries(stored)) {
    assets[asset] = { available: readBigInt(holding.available, 0n), held: readBigInt(holding.held, 0n) };
  }
  const usage = usageFromItem(item.usage as StoredUsage | undefined);
  const limits = limitsFromItem(item.limits as StoredLimits | undefined);
  return {
    version: readInt(item.version, 0),
    assets,
    ...(usage ? { usage } : {}),
    ...(limits ? { limits } : {}),
  };
}

export function balanceToAttributes(state: BalanceState) {
  return { version: state.version, assets: state.assets, usage: state.usage, limits: state.limits };
}

export async function readBalance(userId: string): Promise<BalanceState> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.balance(userId), ConsistentRead: true }),
  );
  return balanceFromItem(Item);
}

/**
 * Compare-and-set on the version: the write lands only on the exact state the change was computed
 * from, and a failed condition hands back the current state (ALL_OLD) instead of costing a read.
 */
export function balanceWrite(userId: string, before: BalanceState, after: BalanceState): TransactItem {
  const expectsNew = before.version === 0;
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.balance(userId), ...balanceToAttributes(after) },
      ConditionExpression: expectsNew ? 'attribute_not_exists(pk)' : 'version = :version',
      ExpressionAttributeValues: expectsNew ? undefined : { ':version': before.version },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** For a decision that leaves balances as they are but must have been made on the current state. */
export function balanceUnchangedCheck(userId: string, state: BalanceState): TransactItem {
  const expectsNew = state.version === 0;
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.balance(userId),
      ConditionExpression: expectsNew ? 'attribute_not_exists(pk)' : 'version = :version',
      ExpressionAttributeValues: expectsNew ? undefined : { ':version': state.version },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}
