/**
 * The record of everything the workload sent and got back. The model and the invariant checker read
 * only this and the final state, so a saved history can be checked again, and a synthetic one can
 * prove that each invariant fails when it should.
 */
export type OperationKind =
  | 'fund'
  | 'deposit'
  | 'withdraw'
  | 'buy'
  | 'sell'
  | 'transfer'
  | 'hold'
  | 'capture'
  | 'void'
  | 'cancel'
  | 'price';

/** Where an operation of each kind goes; `{id}` is the hold or order its reference resolved to. */
export const ROUTE_OF: Readonly<
  Record<OperationKind, { readonly method: 'POST' | 'PUT'; readonly path: string }>
> = {
  fund: { method: 'POST', path: '/deposits' },
  deposit: { method: 'POST', path: '/deposits' },
  withdraw: { method: 'POST', path: '/withdrawals' },
  buy: { method: 'POST', path: '/orders/buy' },
  sell: { method: 'POST', path: '/orders/sell' },
  transfer: { method: 'POST', path: '/transfers' },
  hold: { method: 'POST', path: '/holds' },
  capture: { method: 'POST', path: '/holds/{id}/capture' },
  void: { method: 'POST', path: '/holds/{id}/void' },
  cancel: { method: 'POST', path: '/orders/{id}/cancel' },
  price: { method: 'PUT', path: '/assets/{id}' },
};

/** A field of an earlier answer that names what a later operation acts on. */
export type ReferenceField = 'holdId' | 'orderId';

/** "The hold (or order) of operation N": planned up front, resolved from N's definite answer at run time. */
export interface Reference {
  readonly operationId: number;
  readonly field: ReferenceField;
}

/** One HTTP exchange. Either `status` (an answer arrived in full) or `error` (it did not). */
export interface Attempt {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status?: number;
  /** The `Idempotent-Replayed: true` header was present. */
  readonly replayed?: boolean;
  readonly body?: string;
  /** timeout: our per-attempt timer fired; aborted: we dropped it on purpose; network: socket error or refused. */
  readonly error?: 'timeout' | 'aborted' | 'network';
  readonly errorDetail?: string;
}

export interface Operation {
  readonly id: number;
  readonly kind: OperationKind;
  readonly userId: string;
  readonly key: string;
  readonly method: 'POST' | 'PUT';
  /** The path every attempt went to, a referenced hold or order id already in it. */
  readonly path: string;
  readonly body: Readonly<Record<string, string | number>>;
  /** The earlier operation whose answer named the hold or order this one acts on. */
  readonly refersTo?: Reference;
  /** The hold or order id the reference resolved to (or the asset a price change set). */
  readonly target?: string;
  /** Why it was never sent: the operation it refers to was not acknowledged with that id. */
  readonly skipped?: string;
  readonly attempts: Attempt[];
}

/**
 * Refusals that no retry can change: the hold or order was already resolved by something else. The
 * contract keeps none of them for the key (they are 409s), but each only ever repeats itself.
 */
export const FINAL_CONFLICTS: ReadonlySet<string> = new Set([
  'HOLD_ALREADY_CAPTURED',
  'HOLD_ALREADY_VOIDED',
  'HOLD_EXPIRED',
  'ORDER_NOT_OPEN',
]);

export const isFinalConflict = (attempt: Attempt): boolean =>
  attempt.status === 409 && FINAL_CONFLICTS.has(stringAt(parseJson(attempt.body), 'error', 'code') ?? '');

/** What the contract keeps for a key and replays: 201 and 422. */
export const isStored = (attempt: Attempt): boolean => attempt.status === 201 || attempt.status === 422;

/**
 * The answers that settle an operation: the stored ones, a final conflict, and the 200 of an
 * admin's PUT (which has no key, and sets the same thing however often it is sent).
 */
export const isDefinite = (attempt: Attempt): boolean =>
  isStored(attempt) || attempt.status === 200 || isFinalConflict(attempt);

export type Resolution = 'acknowledged' | 'rejected' | 'indeterminate' | 'skipped';

export function resolutionOf(operation: Operation): Resolution {
  if (operation.skipped !== undefined) return 'skipped';
  const definite = operation.attempts.find(isDefinite);
  if (!definite) return 'indeterminate';
  return definite.status === 201 || definite.status === 200 ? 'acknowledged' : 'rejected';
}

/** How reports name an operation. */
export const labelOf = (operation: Operation): string =>
  `${operation.kind} #${operation.id} (key ${operation.key})`;

/** The first definite answer, parsed; what the model believes about the operation. */
export function definiteAnswer(operation: Operation): { status: number; json: unknown } | undefined {
  const definite = operation.attempts.find(isDefinite);
  if (!definite || definite.status === undefined) return undefined;
  return { status: definite.status, json: parseJson(definite.body) };
}

export function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Narrowing helpers for parsed JSON, so the checker never trusts a shape it did not look at. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function fieldOf(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const name of path) current = asRecord(current)?.[name];
  return current;
}

export function stringAt(value: unknown, ...path: string[]): string | undefined {
  const found = fieldOf(value, ...path);
  return typeof found === 'string' ? found : undefined;
}
