import { createHash } from 'node:crypto';
import type { BalanceState } from '../accounts/balance-state';
import { balanceFromItem, balanceUnchangedCheck, balanceWrite } from '../accounts/balance-store';
import { LeaseLostError } from '../errors';
import { recordFenceRejection } from '../observability/metrics';
import { ConditionsFailed, type StoredItem, type TransactItem, transactWrite } from '../storage/transact';
import { StaleBalanceError } from './stale-balance';
import { fencedLockWrite, type Lease } from './user-lock';

/** The caller's own items of a fenced write, by what they are. */
export type ItemName = 'record' | 'order' | 'ledger' | 'hold' | 'asset' | 'parked';
export type NamedItems = Partial<Readonly<Record<ItemName, TransactItem | readonly TransactItem[]>>>;

/** One refused item of a name: its place among the items given under that name, and the item as stored. */
export interface RefusedItem {
  readonly position: number;
  readonly item: StoredItem | undefined;
}

/**
 * Conditions of the caller's own items failed; `failed(name)` is the first stored item of that name
 * that refused, if any, and `refusals(name)` every one.
 */
export class ItemConditionFailed extends Error {
  override readonly name = 'ItemConditionFailed';
  constructor(private readonly failures: ReadonlyMap<ItemName, readonly RefusedItem[]>) {
    super(`Transaction conditions failed on ${[...failures.keys()].join(', ')}`);
  }

  failed(name: ItemName): { item: StoredItem | undefined } | undefined {
    const [first] = this.failures.get(name) ?? [];
    return first ? { item: first.item } : undefined;
  }

  refusals(name: ItemName): readonly RefusedItem[] {
    return this.failures.get(name) ?? [];
  }
}

/** One account written under its lease: the fence on its lock and the compare-and-set of its balance. */
export interface LeasedBalance {
  readonly lease: Lease;
  readonly before: BalanceState;
  /** Omit when the balances stay as they are (a rejection that is still recorded). */
  readonly after?: BalanceState;
  /** Fold the lock's release into this transaction. */
  readonly release: boolean;
}

export interface LeasedWrite extends LeasedBalance {
  readonly items: NamedItems;
  /** Names the step, so the idempotency token differs between steps made under one lease. */
  readonly step: string;
}

/**
 * An account the write judges without its lease: its balance is only checked to be still at
 * `before`'s version (for version 0: that the account does not exist), never written. Every writer
 * of a balance holds its lease (ADR 0006).
 */
export interface CheckedBalance {
  readonly userId: string;
  readonly before: BalanceState;
}

export interface MultiLeaseWrite {
  /** At most one per user. */
  readonly accounts: readonly LeasedBalance[];
  /** Users none of `accounts` names. */
  readonly checked?: readonly CheckedBalance[];
  readonly items: NamedItems;
  readonly step: string;
}

/** Where each part of one transaction sits, so a failed condition is reported by what it guarded. */
type Part =
  | { readonly kind: 'lock'; readonly userId: string }
  | { readonly kind: 'balance'; readonly userId: string }
  | { readonly kind: 'item'; readonly name: ItemName; readonly position: number };

function storedAfter(account: Pick<LeasedBalance, 'before' | 'after'>): BalanceState {
  return account.after ? { ...account.after, version: account.before.version + 1 } : account.before;
}

function layout(write: MultiLeaseWrite): { items: TransactItem[]; parts: Part[] } {
  const items: TransactItem[] = [];
  const parts: Part[] = [];
  for (const account of write.accounts) {
    const { lease, before } = account;
    items.push(fencedLockWrite(lease, storedAfter(account), account.release));
    parts.push({ kind: 'lock', userId: lease.userId });
    items.push(
      account.after
        ? balanceWrite(lease.userId, before, storedAfter(account))
        : balanceUnchangedCheck(lease.userId, before),
    );
    parts.push({ kind: 'balance', userId: lease.userId });
  }
  for (const { userId, before } of write.checked ?? []) {
    items.push(balanceUnchangedCheck(userId, before));
    parts.push({ kind: 'balance', userId });
  }
  for (const [name, named] of Object.entries(write.items) as [ItemName, NamedItems[ItemName]][]) {
    for (const [position, item] of (Array.isArray(named) ? named : named ? [named] : []).entries()) {
      items.push(item as TransactItem);
      parts.push({ kind: 'item', name, position });
    }
  }
  return { items, parts };
}

/** Same leases, step and starting versions give the same token: a resend, never a second effect. */
function requestToken(write: MultiLeaseWrite): string {
  const hash = createHash('sha256');
  for (const { lease, before } of write.accounts)
    hash.update(`${lease.owner}:${lease.fence}:${before.version}:`);
  return hash.update(write.step).digest('hex').slice(0, 36);
}

/** Turns failed conditions into what they mean: a lost lease, moved balances, or refused items. */
function explain(error: ConditionsFailed, parts: readonly Part[]): Error {
  const failed = error.failures.map((failure) => ({ part: parts[failure.index], item: failure.item }));
  const lost = failed.flatMap(({ part }) => (part?.kind === 'lock' ? [part.userId] : []));
  if (lost.length > 0) {
    recordFenceRejection();
    return new LeaseLostError(lost);
  }
  const moved = new Map<string, BalanceState>();
  const refused = new Map<ItemName, RefusedItem[]>();
  for (const { part, item } of failed) {
    if (part?.kind === 'balance') moved.set(part.userId, balanceFromItem(item));
    if (part?.kind === 'item')
      refused.set(part.name, [...(refused.get(part.name) ?? []), { position: part.position, item }]);
  }
  if (moved.size > 0) return new StaleBalanceError(moved);
  return new ItemConditionFailed(refused);
}

/**
 * The only writer of balances. One TransactWriteItems holds, all or nothing: for every account its
 * lock's fence condition (and release) and its balance compare-and-set, a check of each balance
 * judged without its lease, then the caller's named items. A lost lease on any account fails as LeaseLostError, a moved balance as StaleBalanceError
 * (naming each account that moved), a refusal of the caller's own items as ItemConditionFailed.
 * Returns each account's balance as stored, by user id.
 */
export async function writeUnderLeases(write: MultiLeaseWrite): Promise<ReadonlyMap<string, BalanceState>> {
  const { items, parts } = layout(write);
  try {
    await transactWrite(items, requestToken(write));
  } catch (error) {
    if (error instanceof ConditionsFailed) throw explain(error, parts);
    throw error;
  }
  return new Map(write.accounts.map((account) => [account.lease.userId, storedAfter(account)] as const));
}

/** The fenced write of one account: writeUnderLeases with a single lease. */
export async function writeUnderLease(write: LeasedWrite): Promise<BalanceState> {
  const { items, step, ...account } = write;
  await writeUnderLeases({ accounts: [account], items, step });
  return storedAfter(account);
}
