import { deriveSeed, type Random, seededRandom } from '../local/faults/seeded-random';
import { type Attempt, isDefinite, type Operation, ROUTE_OF } from './history';
import { sendAttempt } from './http-attempt';
import { resolveReference } from './references';
import { nextStep, type RetryBounds, sleep } from './retry-policy';
import type { PlannedOperation } from './workload';

export interface ExecutionContext {
  readonly baseUrl: string;
  readonly userIds: readonly string[];
  /** Who makes an admin's changes (price changes); its token carries the admin group. */
  readonly adminUserId: string;
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
 * sent twice at once, and some once more after their answer, so that replays are seen and checked;
 * not a PUT, which has no key to replay and sets the same state however often it is sent.
 */
export async function executeOperation(
  context: ExecutionContext,
  operation: Operation,
  random: Random,
): Promise<void> {
  const deadline = Date.now() + context.bounds.maxMs;
  const keyed = operation.method === 'POST';
  await sendUntilDefinite(context, operation, random, deadline, keyed && random.chance(TWIN_PROBABILITY));
  if (keyed && operation.attempts.some(isDefinite) && random.chance(DUPLICATE_PROBABILITY)) {
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
      method: operation.method,
      path: operation.path,
      token,
      body,
      ...(operation.method === 'POST' ? { idempotencyKey: operation.key } : {}),
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

/**
 * The operation as the history records it. One that refers to an earlier operation gets that
 * operation's hold or order id in its path, or is marked skipped when there is none to act on.
 */
export function newOperation(
  context: ExecutionContext,
  planned: PlannedOperation,
  id: number,
  referenced?: Operation,
): Operation {
  const userOf = (index: number): string => {
    const userId = context.userIds[index];
    if (userId === undefined) throw new Error(`No user ${index}`);
    return userId;
  };
  const route = ROUTE_OF[planned.kind];
  const common = {
    id,
    kind: planned.kind,
    userId: planned.admin ? context.adminUserId : userOf(planned.userIndex),
    key: `${context.keyPrefix}-${id}`,
    method: route.method,
    body:
      planned.payeeIndex === undefined ? planned.body : { ...planned.body, to: userOf(planned.payeeIndex) },
    attempts: [],
  };
  if (!planned.refersTo) {
    const path = route.path.replace('{id}', encodeURIComponent(planned.pathId ?? ''));
    return { ...common, path, ...(planned.pathId === undefined ? {} : { target: planned.pathId }) };
  }
  if (!referenced) throw new Error(`Operation #${id} refers to one that has not run`);
  const refersTo = { operationId: referenced.id, field: planned.refersTo.field };
  const target = resolveReference(referenced, refersTo.field);
  return 'skipped' in target
    ? { ...common, refersTo, path: route.path, skipped: target.skipped }
    : {
        ...common,
        refersTo,
        target: target.id,
        path: route.path.replace('{id}', encodeURIComponent(target.id)),
      };
}

/**
 * Runs the planned operations with `concurrency` in flight; users are drawn at random per operation,
 * so several requests for one user overlap. An operation that refers to an earlier one waits for its
 * answer first (the earlier one was taken up first, so the wait always ends). `onDone` sees each
 * operation as it finishes.
 */
export async function executeAll(
  context: ExecutionContext,
  planned: readonly PlannedOperation[],
  firstId: number,
  concurrency: number,
  onDone: (operation: Operation) => void,
): Promise<Operation[]> {
  const operations: Operation[] = [];
  const finish: Array<(operation: Operation) => void> = [];
  const finished = planned.map(
    (_, index) =>
      new Promise<Operation>((resolve) => {
        finish[index] = resolve;
      }),
  );
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < planned.length; index = next++) {
      const plan = planned[index];
      if (!plan) continue;
      const reference = plan.refersTo?.index;
      if (reference !== undefined && !(reference >= 0 && reference < index)) {
        throw new Error(`Planned operation ${index} refers to ${reference}, which does not come before it`);
      }
      const referenced = reference === undefined ? undefined : await finished[reference];
      const operation = newOperation(context, plan, firstId + index, referenced);
      operations[index] = operation;
      if (operation.skipped === undefined) {
        await executeOperation(context, operation, seededRandom(deriveSeed(context.seed, 3, operation.id)));
      }
      finish[index]?.(operation);
      onDone(operation);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, planned.length) }, worker));
  return operations;
}
