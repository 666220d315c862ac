/**
 * The record of everything the workload sent and got back. The model and the invariant checker read
 * only this and the final state, so a saved history can be checked again, and a synthetic one can
 * prove that each invariant fails when it should.
 */
export type OperationKind = 'fund' | 'deposit' | 'withdraw' | 'buy' | 'sell';

export const PATH_OF: Readonly<Record<OperationKind, string>> = {
  fund: '/deposits',
  deposit: '/deposits',
  withdraw: '/withdrawals',
  buy: '/orders/buy',
  sell: '/orders/sell',
};

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
  readonly body: Readonly<Record<string, string>>;
  readonly attempts: Attempt[];
}

/** 201 and 422 are the only definite answers: the contract keeps and replays exactly those. */
export const isDefinite = (attempt: Attempt): boolean => attempt.status === 201 || attempt.status === 422;

export type Resolution = 'acknowledged' | 'rejected' | 'indeterminate';

export function resolutionOf(operation: Operation): Resolution {
  const definite = operation.attempts.find(isDefinite);
  if (!definite) return 'indeterminate';
  return definite.status === 201 ? 'acknowledged' : 'rejected';
}

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
