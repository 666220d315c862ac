import { type BalanceState, EMPTY_BALANCE } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { SameAccountError, UnknownPayeeError } from '../errors';
import type { Balances } from '../lease/stale-balance';
import type { CheckedBalance } from '../lease/write-under-lease';

/**
 * The payee side of a payment from one user to another, shared by transfers and holds. A request that
 * only judges the payee (placing a hold) reads its balance while the payer's lock is taken; one that
 * credits it takes the payee's lease instead (ADR 0006).
 */
export function payeeReader(payer: string, payee: string): () => Promise<Balances> {
  return async () => (payee === payer ? new Map() : new Map([[payee, await readBalance(payee)]]));
}

/**
 * The payee's state, refusing a payment to oneself or to a user with no account. An account exists
 * once its balance item does, that is from its first committed change on (in practice, its first
 * deposit); the balance item is never deleted, so version 0 means "no account".
 */
export function payableAccount(payer: string, payee: string, balances: Balances): BalanceState {
  if (payee === payer) throw new SameAccountError();
  const state = balances.get(payee);
  if (!state || state.version === 0) throw new UnknownPayeeError(payee);
  return state;
}

/** What a refused payment was judged on beyond the payer: an unknown payee's absence, checked too. */
export function payeeChecksOfRefusal(error: unknown, payee: string): readonly CheckedBalance[] {
  return error instanceof UnknownPayeeError ? [{ userId: payee, before: EMPTY_BALANCE }] : [];
}
