import type { BalanceState } from '../accounts/balance-state';
import { balanceFromItem, balanceToAttributes } from '../accounts/balance-store';
import type { IdempotencyRequest } from '../idempotency/idempotency-record';
import type { ParkedRequest } from '../lease/parked-requests';
import type { Lease } from '../lease/user-lock';
import { readInt } from '../storage/numbers';
import type { StoredItem } from '../storage/transact';

/** One payer's request parks once under its id, so a duplicate sent meanwhile is seen as one. */
export const parkedTransferId = (payer: string, key: string): string => `${payer}:${key}`;

/**
 * A transfer parked at the payee's lock: everything its holder needs to judge and apply it,
 * including the payer's lease, which the poster holds while it waits and hands to the holder, and
 * the payer's balance as of that lease (the holder's compare-and-set verifies it).
 */
export interface ParkedTransfer {
  readonly id: string;
  readonly userId: string;
  readonly to: string;
  readonly amount: bigint;
  readonly memo?: string;
  readonly requestId: string;
  readonly idempotency: IdempotencyRequest;
  readonly postedAtMs: number;
  readonly payerLease: Lease;
  readonly payerBefore: BalanceState;
}

export function storedForm(transfer: ParkedTransfer): StoredItem {
  const { payerLease } = transfer;
  return {
    payer: transfer.userId,
    amount: transfer.amount.toString(),
    ...(transfer.memo === undefined ? {} : { memo: transfer.memo }),
    requestId: transfer.requestId,
    key: transfer.idempotency.key,
    fingerprint: transfer.idempotency.fingerprint,
    postedAtMs: transfer.postedAtMs,
    lease: { fence: payerLease.fence, expiresAt: payerLease.expiresAt },
    before: balanceToAttributes(transfer.payerBefore),
  };
}

/** A parked transfer read back from its item at the payee's lock; the lease's owner is the item's `heldBy`. */
export function parkedTransferFrom(id: string, payee: string, parked: ParkedRequest): ParkedTransfer {
  const stored = parked.request;
  const payer = String(stored.payer);
  const lease = (stored.lease ?? {}) as StoredItem;
  return {
    id,
    userId: payer,
    to: payee,
    amount: BigInt(String(stored.amount)),
    ...(typeof stored.memo === 'string' ? { memo: stored.memo } : {}),
    requestId: String(stored.requestId),
    idempotency: { key: String(stored.key), fingerprint: String(stored.fingerprint) },
    postedAtMs: readInt(stored.postedAtMs),
    payerLease: {
      userId: payer,
      owner: parked.heldBy,
      fence: readInt(lease.fence),
      expiresAt: readInt(lease.expiresAt),
    },
    payerBefore: balanceFromItem(stored.before as StoredItem | undefined),
  };
}
