import type { CashMovementKind } from '../cash/judge-cash-movement';
import type { IdempotencyRequest } from '../idempotency/idempotency-record';
import type { ParkedRequest } from '../lease/parked-requests';
import type { Side } from '../money/trade-total';
import type { MarketOrderTerms } from '../orders/judge-market-order';
import { readInt } from '../storage/numbers';
import type { StoredItem } from '../storage/transact';

/** What a parked request of the lock's own user asks for: a cash movement or a market order. */
export type OwnRequestTerms =
  | { readonly kind: CashMovementKind; readonly amount: bigint }
  | ({ readonly kind: 'order' } & MarketOrderTerms);

/**
 * A request of the lock's own user parked at its busy lock (ADR 0015): everything the lock's holder
 * needs to judge and apply it. Its poster holds no lease while it waits, so nothing but the
 * parked item ties it to the poster: `poster` is the item's `heldBy`, and `giveUpAtMs` the instant
 * the poster takes it back, after which no holder applies it.
 */
export interface ParkedOwnRequest {
  readonly id: string;
  readonly userId: string;
  readonly terms: OwnRequestTerms;
  readonly requestId: string;
  readonly idempotency: IdempotencyRequest;
  readonly postedAtMs: number;
  readonly giveUpAtMs: number;
  readonly poster: string;
}

/** One key parks once at a time, so a duplicate sent meanwhile is seen as one. */
export const parkedOwnRequestId = (userId: string, key: string): string => `own:${userId}:${key}`;

/** The marker that tells a parked item of the lock's own user from a parked payment. */
const OWN = 'own';

export function isOwnRequest(parked: ParkedRequest): boolean {
  return parked.request.parkedBy === OWN;
}

function termsToStored(terms: OwnRequestTerms): StoredItem {
  return terms.kind === 'order'
    ? {
        kind: terms.kind,
        side: terms.side,
        asset: terms.asset,
        quantity: terms.quantity.toString(),
        price: terms.price.toString(),
      }
    : { kind: terms.kind, amount: terms.amount.toString() };
}

function termsFromStored(stored: StoredItem): OwnRequestTerms {
  const kind = String(stored.kind);
  if (kind === 'order') {
    return {
      kind,
      side: String(stored.side) as Side,
      asset: String(stored.asset),
      quantity: BigInt(String(stored.quantity)),
      price: BigInt(String(stored.price)),
    };
  }
  if (kind === 'deposit' || kind === 'withdraw') return { kind, amount: BigInt(String(stored.amount)) };
  throw new Error(`A parked request of unknown kind ${kind}`);
}

export function ownRequestStoredForm(request: ParkedOwnRequest): StoredItem {
  return {
    parkedBy: OWN,
    terms: termsToStored(request.terms),
    requestId: request.requestId,
    key: request.idempotency.key,
    fingerprint: request.idempotency.fingerprint,
    postedAtMs: request.postedAtMs,
    giveUpAtMs: request.giveUpAtMs,
  };
}

/** A parked request read back from its item at the user's lock; the poster is the item's `heldBy`. */
export function parkedOwnRequestFrom(id: string, userId: string, parked: ParkedRequest): ParkedOwnRequest {
  const stored = parked.request;
  return {
    id,
    userId,
    terms: termsFromStored((stored.terms ?? {}) as StoredItem),
    requestId: String(stored.requestId),
    idempotency: { key: String(stored.key), fingerprint: String(stored.fingerprint) },
    postedAtMs: readInt(stored.postedAtMs),
    giveUpAtMs: readInt(stored.giveUpAtMs),
    poster: parked.heldBy,
  };
}
