import { deriveSeed, type Random, seededRandom } from '../local/faults/seeded-random';
import { type Attempt, isDefinite, type Operation, PATH_OF } from './history';
import { sendAttempt } from './http-attempt';
import { nextStep, type RetryBounds, sleep } from './retry-policy';
import type { PlannedOperation } from './workload';

export interface ExecutionContext {
  readonly baseUrl: string;
  readonly userIds: readonly string[];
  tokenFor(userId: string): Promise<string>;
  /** Unique to this run, so keys never meet those of an earlier run against the same API. */
  readonly keyPrefix: string;
  readonly seed: number;
  readonly requestTimeoutMs: number;
  /** --abort: drop some attempts mid-request. */
  readonly abort: boolean;
  readonly bounds: RetryBounds;
}

/** Share of attempts dropped with --abort, and the window the drop lands in. */
const ABORT_PROBABILITY = 0.3;
const ABORT_WINDOW_MS = 60;
/** Past this many attempts a key is no longer dropped, so every operation can finish. */
const ABORTED_ATTEMPTS_MAX = 8;
/** Share of operations whose first attempt goes out twice at once, as from a double click. */
const TWIN_PROBABILITY = 0.08;
/** Share of operations sent once more after their definite answer, which must come back as a replay. */
const DUPLICATE_PROBABILITY = 0.12;

/**
 * Sends one operation until its answer is definite (201 or 422) or the bounds run out, every
 * attempt with the same Idempotency-Key and body, and records every attempt. Some operations are
 * sent twice at once, and some once more after their answer, so that replays are seen and checked.
 */
export async function executeOperation(
  context: ExecutionContext,
  operation: Operation,
  random: Random,
): Promise<void> {
  const deadline = Date.now() + context.bounds.maxMs;
  await sendUntilDefinite(context, operation, random, deadline, random.chance(TWIN_PROBABILITY));
  if (operation.attempts.some(isDefinite) && random.chance(DUPLICATE_PROBABILITY)) {
    await sendUntilDefinite(context, operation, random, deadline, false);
  }
}

async function sendUntilDefinite(
  context: ExecutionContext,
  operation: Operation,
  random: Random,
  deadline: number,
  twin: boolean,
): Promise<void> {
  const body = JSON.stringify(operation.body);
  const token = await context.tokenFor(operation.userId);
  const send = (attemptNumber: number): Promise<Attempt> => {
    const drop = context.abort && attemptNumber < ABORTED_ATTEMPTS_MAX && random.chance(ABORT_PROBABILITY);
    return sendAttempt(context.baseUrl, {
      method: 'POST',
      path: PATH_OF[operation.kind],
      token,
      body,
      idempotencyKey: operation.key,
      timeoutMs: context.requestTimeoutMs,
      ...(drop ? { abortAfterMs: random.int(0, ABORT_WINDOW_MS) } : {}),
    });
  };
  for (let attemptNumber = 0; attemptNumber < context.bounds.maxAttempts; attemptNumber++) {
    const attempts =
      attemptNumber === 0 && twin ? await Promise.all([send(0), send(0)]) : [await send(attemptNumber)];
    attempts.sort((left, right) => left.endedAt - right.endedAt);
    operation.attempts.push(...attempts);
    const deciding = attempts.find(isDefinite) ?? attempts.at(-1);
    if (!deciding) return;
    const next = nextStep(deciding, attemptNumber, random);
    if (next.done || Date.now() + next.waitMs > deadline) return;
    await sleep(next.waitMs);
  }
}

export function newOperation(context: ExecutionContext, planned: PlannedOperation, id: number): Operation {
  const userId = context.userIds[planned.userIndex];
  if (userId === undefined) throw new Error(`No user ${planned.userIndex}`);
  return {
    id,
    kind: planned.kind,
    userId,
    key: `${context.keyPrefix}-${id}`,
    body: planned.body,
    attempts: [],
  };
}

/**
 * Runs the planned operations with `concurrency` in flight; users are drawn at random per operation,
 * so several requests for one user overlap. `onDone` sees each operation as it finishes.
 */
export async function executeAll(
  context: ExecutionContext,
  planned: readonly PlannedOperation[],
  firstId: number,
  concurrency: number,
  onDone: (operation: Operation) => void,
): Promise<Operation[]> {
  const operations = planned.map((plan, index) => newOperation(context, plan, firstId + index));
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < operations.length; index = next++) {
      const operation = operations[index];
      if (!operation) continue;
      await executeOperation(context, operation, seededRandom(deriveSeed(context.seed, 3, operation.id)));
      onDone(operation);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, operations.length) }, worker));
  return operations;
}
