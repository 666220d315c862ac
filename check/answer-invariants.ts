import { expectedTradeTotal, parseMinor, scaleOf } from './amounts';
import {
  type Attempt,
  definiteAnswer,
  fieldOf,
  isDefinite,
  type Operation,
  type OperationKind,
  parseJson,
  resolutionOf,
  stringAt,
} from './history';
import { type InvariantResult, Tally } from './invariant';
import type { Model } from './model';
import type { UserView } from './user-view';

const label = (operation: Operation): string => `${operation.kind} #${operation.id} (key ${operation.key})`;

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

const sameAnswer = (left: Attempt, right: Attempt): boolean =>
  left.status === right.status &&
  canonicalJson(parseJson(left.body)) === canonicalJson(parseJson(right.body));

/**
 * A key's definite answers are all the same answer, and at most one of them is not marked as a
 * replay: a second unmarked one means the key's effect was applied twice. Order does not matter:
 * of two requests sent at once, the replay can come back before the original.
 */
export function checkReplays(operations: readonly Operation[]): InvariantResult {
  const tally = new Tally();
  for (const operation of operations) {
    const definite = operation.attempts.filter(isDefinite);
    const originals = definite.filter((attempt) => attempt.replayed !== true);
    const baseline = originals[0] ?? definite[0];
    if (!baseline) continue;
    const where = { userId: operation.userId, operationId: operation.id };
    tally.check(originals.length <= 1, () => ({
      ...where,
      message: `${label(operation)}: ${originals.length} answers without Idempotent-Replayed (${originals.map((attempt) => attempt.status).join(', ')}): executed ${originals.length} times?`,
    }));
    for (const answer of definite) {
      if (answer === baseline) continue;
      tally.check(sameAnswer(baseline, answer), () => ({
        ...where,
        message: `${label(operation)}: a replay answered ${answer.status} ${answer.body ?? ''}, the first answer was ${baseline.status} ${baseline.body ?? ''}`,
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
        message: `${label(operation)}: ${attempt.status} ${attempt.body ?? ''}`,
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
    tally.check(resolutionOf(operation) !== 'indeterminate', () => {
      const last = operation.attempts.at(-1);
      return {
        userId: operation.userId,
        operationId: operation.id,
        message: `${label(operation)}: no definite answer after ${operation.attempts.length} attempts (last: ${last?.status ?? last?.error ?? 'none'}); the model cannot know its effect`,
      };
    });
  }
  return tally.result('definite', 'every operation got a definite answer (201 or 422) by retrying its key');
}

const BUSINESS_CODES: Readonly<Record<OperationKind, readonly string[]>> = {
  fund: [],
  deposit: ['DAILY_LIMIT_EXCEEDED'],
  withdraw: ['INSUFFICIENT_FUNDS', 'DAILY_LIMIT_EXCEEDED'],
  buy: ['INSUFFICIENT_FUNDS', 'UNKNOWN_ASSET'],
  sell: ['INSUFFICIENT_ASSET', 'UNKNOWN_ASSET'],
};
const RETRYABLE_CODES: Readonly<Record<number, readonly string[]>> = {
  409: ['LOCKED', 'IDEMPOTENCY_IN_PROGRESS'],
  500: ['INTERNAL'],
  503: ['UNAVAILABLE'],
};

/** Why this answer is not one the contract allows for this request, or undefined when it is. */
function contractProblem(operation: Operation, attempt: Attempt): string | undefined {
  const { status } = attempt;
  if (status === undefined) return undefined;
  const json = parseJson(attempt.body);
  if (status === 201) return acknowledgementProblem(operation, json);
  const code = stringAt(json, 'error', 'code');
  if (code === undefined || stringAt(json, 'error', 'message') === undefined) {
    return `${status} without the contract's error body: ${attempt.body ?? ''}`;
  }
  const allowed = status === 422 ? BUSINESS_CODES[operation.kind] : (RETRYABLE_CODES[status] ?? []);
  if (!allowed.includes(code)) return `${status} ${code} is not an answer this request can get`;
  if (
    status === 422 &&
    fieldOf(json, 'order') !== undefined &&
    stringAt(json, 'order', 'status') !== 'FAILED'
  ) {
    return `422 carries an order that is not FAILED: ${attempt.body ?? ''}`;
  }
  return undefined;
}

function acknowledgementProblem(operation: Operation, json: unknown): string | undefined {
  if (operation.kind === 'fund' || operation.kind === 'deposit' || operation.kind === 'withdraw') {
    const requested = parseMinor(operation.body.amount, 2);
    const amount = parseMinor(fieldOf(json, 'transaction', 'amount'), 2);
    const sign = operation.kind === 'withdraw' ? -1n : 1n;
    if (requested === undefined || amount !== sign * requested) {
      return `201 moved ${String(fieldOf(json, 'transaction', 'amount'))}, the request asked for ${operation.body.amount ?? '?'}`;
    }
    return undefined;
  }
  const side = operation.kind === 'buy' ? 'BUY' : 'SELL';
  const asset = operation.body.asset ?? '';
  const quantity = parseMinor(fieldOf(json, 'order', 'quantity'), scaleOf(asset));
  const price = parseMinor(fieldOf(json, 'order', 'price'), 2);
  const total = parseMinor(fieldOf(json, 'order', 'total'), 2);
  if (
    stringAt(json, 'order', 'side') !== side ||
    stringAt(json, 'order', 'asset') !== asset ||
    stringAt(json, 'order', 'status') !== 'COMPLETED' ||
    quantity === undefined ||
    quantity !== parseMinor(operation.body.quantity, scaleOf(asset))
  ) {
    return `201 order does not match the request ${JSON.stringify(operation.body)}: ${JSON.stringify(fieldOf(json, 'order'))}`;
  }
  if (price === undefined || total === undefined || total !== expectedTradeTotal(side, quantity, price)) {
    return `201 order total ${String(fieldOf(json, 'order', 'total'))} is not quantity × price rounded ${side === 'BUY' ? 'up' : 'down'}`;
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
        message: `${label(operation)}: ${problem ?? ''}`,
      }));
    }
  }
  for (const { operation, message } of model.problems) {
    tally.fail({
      userId: operation.userId,
      operationId: operation.id,
      message: `${label(operation)}: ${message}`,
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
