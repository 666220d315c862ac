import { acknowledgementProblem } from './acknowledgements';
import {
  type Attempt,
  definiteAnswer,
  fieldOf,
  isDefinite,
  isFinalConflict,
  isStored,
  labelOf,
  type Operation,
  type OperationKind,
  parseJson,
  resolutionOf,
  stringAt,
} from './history';
import { type InvariantResult, Tally } from './invariant';
import type { Model } from './model';
import type { UserView } from './user-view';

/** JSON with keys sorted, so "the same body" does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** A final conflict is not kept, so its repeats are new answers: the same code, another requestId. */
const sameAnswer = (left: Attempt, right: Attempt): boolean =>
  left.status === right.status &&
  (isFinalConflict(left) && isFinalConflict(right)
    ? stringAt(parseJson(left.body), 'error', 'code') === stringAt(parseJson(right.body), 'error', 'code')
    : canonicalJson(parseJson(left.body)) === canonicalJson(parseJson(right.body)));

/**
 * A key's definite answers are all the same answer, and at most one of them is not marked as a
 * replay: a second unmarked one means the key's effect was applied twice. Order does not matter:
 * of two requests sent at once, the replay can come back before the original. A PUT has no key.
 */
export function checkReplays(operations: readonly Operation[]): InvariantResult {
  const tally = new Tally();
  for (const operation of operations) {
    if (operation.method !== 'POST') continue;
    const definite = operation.attempts.filter(isDefinite);
    const originals = definite.filter((attempt) => isStored(attempt) && attempt.replayed !== true);
    const baseline = originals[0] ?? definite[0];
    if (!baseline) continue;
    const where = { userId: operation.userId, operationId: operation.id };
    tally.check(originals.length <= 1, () => ({
      ...where,
      message: `${labelOf(operation)}: ${originals.length} answers without Idempotent-Replayed (${originals.map((attempt) => attempt.status).join(', ')}): executed ${originals.length} times?`,
    }));
    for (const answer of definite) {
      if (answer === baseline) continue;
      tally.check(sameAnswer(baseline, answer), () => ({
        ...where,
        message: `${labelOf(operation)}: a replay answered ${answer.status} ${answer.body ?? ''}, the first answer was ${baseline.status} ${baseline.body ?? ''}`,
      }));
    }
  }
  return tally.result('replays', 'every replayed key returned the same status and body as its first answer');
}

export function checkNo5xx(operations: readonly Operation[], serverFaults: boolean): InvariantResult {
  const tally = new Tally();
  for (const operation of operations) {
    for (const attempt of operation.attempts) {
      if (attempt.status === undefined) continue;
      tally.check(serverFaults || attempt.status < 500, () => ({
        userId: operation.userId,
        operationId: operation.id,
        message: `${labelOf(operation)}: ${attempt.status} ${attempt.body ?? ''}`,
      }));
    }
  }
  return tally.result(
    'no-5xx',
    serverFaults
      ? 'no 5xx without injected faults (faults were injected: 5xx allowed, retried)'
      : 'no 5xx without injected faults',
  );
}

export function checkDefinite(operations: readonly Operation[]): InvariantResult {
  const tally = new Tally();
  for (const operation of operations) {
    if (resolutionOf(operation) === 'skipped') continue;
    tally.check(resolutionOf(operation) !== 'indeterminate', () => {
      const last = operation.attempts.at(-1);
      return {
        userId: operation.userId,
        operationId: operation.id,
        message: `${labelOf(operation)}: no definite answer after ${operation.attempts.length} attempts (last: ${last?.status ?? last?.error ?? 'none'}); the model cannot know its effect`,
      };
    });
  }
  return tally.result(
    'definite',
    "every operation sent got a definite answer (201, 422, a final 409, or a PUT's 200) by retrying it",
  );
}

/**
 * The 422s each request can get. The workload never pays itself nor a user without an account (every
 * user is funded first), so SAME_ACCOUNT and UNKNOWN_PAYEE would be wrong answers here.
 */
const BUSINESS_CODES: Readonly<Record<OperationKind, readonly string[]>> = {
  fund: [],
  deposit: ['DAILY_LIMIT_EXCEEDED'],
  withdraw: ['INSUFFICIENT_FUNDS', 'DAILY_LIMIT_EXCEEDED'],
  buy: ['INSUFFICIENT_FUNDS', 'UNKNOWN_ASSET'],
  sell: ['INSUFFICIENT_ASSET', 'UNKNOWN_ASSET'],
  transfer: ['INSUFFICIENT_FUNDS', 'DAILY_LIMIT_EXCEEDED'],
  hold: ['INSUFFICIENT_FUNDS', 'DAILY_LIMIT_EXCEEDED'],
  capture: ['CAPTURE_EXCEEDS_HOLD'],
  void: [],
  cancel: [],
  price: [],
};
/** The 409s that say the hold or order was resolved already. */
const CONFLICT_CODES: Readonly<Partial<Record<OperationKind, readonly string[]>>> = {
  capture: ['HOLD_ALREADY_CAPTURED', 'HOLD_ALREADY_VOIDED', 'HOLD_EXPIRED'],
  void: ['HOLD_ALREADY_CAPTURED', 'HOLD_ALREADY_VOIDED', 'HOLD_EXPIRED'],
  cancel: ['ORDER_NOT_OPEN'],
};
const RETRYABLE_CODES: Readonly<Record<number, readonly string[]>> = {
  409: ['LOCKED', 'IDEMPOTENCY_IN_PROGRESS'],
  500: ['INTERNAL'],
  503: ['UNAVAILABLE'],
};

function allowedCodes(operation: Operation, status: number): readonly string[] {
  if (status === 422) return BUSINESS_CODES[operation.kind];
  const retryable = RETRYABLE_CODES[status] ?? [];
  return status === 409 ? [...retryable, ...(CONFLICT_CODES[operation.kind] ?? [])] : retryable;
}

/** Why this answer is not one the contract allows for this request, or undefined when it is. */
function contractProblem(operation: Operation, attempt: Attempt): string | undefined {
  const { status } = attempt;
  if (status === undefined) return undefined;
  const json = parseJson(attempt.body);
  const success = operation.method === 'PUT' ? 200 : 201;
  if (status === success) return acknowledgementProblem(operation, json);
  const code = stringAt(json, 'error', 'code');
  if (code === undefined || stringAt(json, 'error', 'message') === undefined) {
    return `${status} without the contract's error body: ${attempt.body ?? ''}`;
  }
  if (!allowedCodes(operation, status).includes(code)) {
    return `${status} ${code} is not an answer this request can get`;
  }
  if (
    status === 422 &&
    fieldOf(json, 'order') !== undefined &&
    stringAt(json, 'order', 'status') !== 'FAILED'
  ) {
    return `422 carries an order that is not FAILED: ${attempt.body ?? ''}`;
  }
  return undefined;
}

/**
 * Every answer is one the contract allows for its request, acknowledgements say what was asked
 * for, and the final state is readable.
 */
export function checkAnswers(
  operations: readonly Operation[],
  views: readonly UserView[],
  model: Model,
): InvariantResult {
  const tally = new Tally();
  for (const operation of operations) {
    for (const attempt of operation.attempts) {
      if (attempt.status === undefined) continue;
      const problem = contractProblem(operation, attempt);
      tally.check(problem === undefined, () => ({
        userId: operation.userId,
        operationId: operation.id,
        message: `${labelOf(operation)}: ${problem ?? ''}`,
      }));
    }
  }
  for (const { operation, message } of model.problems) {
    tally.fail({
      userId: operation.userId,
      operationId: operation.id,
      message: `${labelOf(operation)}: ${message}`,
    });
  }
  for (const view of views) {
    for (const problem of view.shapeProblems) tally.fail({ userId: view.userId, message: problem });
  }
  return tally.result('answers', 'every answer is one the contract allows and matches its request');
}

/** The operation's first definite answer, for history excerpts. */
export const firstAnswerText = (operation: Operation): string => {
  const answer = definiteAnswer(operation);
  return answer ? `${answer.status} ${JSON.stringify(answer.json)}` : 'none';
};
