import { createLockstepClient, type LockstepClient, NoAnswerError, type RetryPolicy } from '@lockstep/client';
import type { FinalUserState } from './final-state';
import { asRecord, fieldOf, stringAt } from './history';
import { sleep } from './retry-policy';

export interface ReaderContext {
  readonly baseUrl: string;
  tokenFor(userId: string): Promise<string>;
  readonly requestTimeoutMs: number;
}

/** Reads are safe to repeat: the client resends them through 409, 5xx and lost answers. */
const READ_RETRY = { maxAttempts: 30, baseDelayMs: 50, maxDelayMs: 1_000 } as const;
const PAGE_LIMIT = 100;
/** 100 000 items per list; far beyond any run, and it stops a cursor that loops. */
const MAX_PAGES = 1_000;

/** The API as `userId` calls it, through the same client callers use. */
function clientFor(
  context: ReaderContext,
  userId: string,
  retry: Partial<RetryPolicy> = READ_RETRY,
): LockstepClient {
  return createLockstepClient({
    baseUrl: context.baseUrl,
    token: () => context.tokenFor(userId),
    retry: { ...retry, attemptTimeoutMs: context.requestTimeoutMs },
  });
}

/** The body of a 200; undefined for any other answer, or none after every retry. */
async function readOk(call: () => Promise<{ data?: unknown }>): Promise<unknown> {
  try {
    return (await call()).data;
  } catch (error) {
    if (error instanceof NoAnswerError) return undefined;
    throw error;
  }
}

const readBalance = (context: ReaderContext, userId: string): Promise<unknown> =>
  readOk(() => clientFor(context, userId).GET('/balance'));

/** Every item of a paginated list, newest first as the API lists them; undefined if a page failed. */
export async function readAllPages(
  context: ReaderContext,
  userId: string,
  route: '/transactions' | '/orders',
): Promise<unknown[] | undefined> {
  const client = clientFor(context, userId);
  const items: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = { query: { limit: PAGE_LIMIT, ...(cursor === undefined ? {} : { cursor }) } };
    const json = await readOk(() =>
      route === '/orders' ? client.GET('/orders', { params }) : client.GET('/transactions', { params }),
    );
    const pageItems = fieldOf(json, 'items');
    if (!Array.isArray(pageItems)) return undefined;
    items.push(...pageItems);
    cursor = stringAt(json, 'nextCursor');
    if (cursor === undefined) return items;
  }
  return undefined;
}

export async function readFinalState(context: ReaderContext, userId: string): Promise<FinalUserState> {
  return {
    userId,
    balance: await readBalance(context, userId),
    transactions: await readAllPages(context, userId, '/transactions'),
    orders: await readAllPages(context, userId, '/orders'),
  };
}

/** Something still in flight for this user: a hold, or a PENDING order. */
async function unsettled(context: ReaderContext, userId: string): Promise<boolean> {
  const balance = asRecord(await readBalance(context, userId));
  const holdings = [fieldOf(balance, 'cash'), ...Object.values(asRecord(fieldOf(balance, 'assets')) ?? {})];
  const holds = holdings.some((holding) => {
    const held = stringAt(holding, 'held');
    return held !== undefined && /[1-9]/.test(held);
  });
  if (holds) return true;
  const orders = await readAllPages(context, userId, '/orders');
  return (orders ?? []).some((order) => stringAt(order, 'status') === 'PENDING');
}

/**
 * Waits until no user has a hold or a PENDING order, or `maxMs` passes (a crashed order's lease runs
 * out, then the reaper resolves it). Returns how long it waited; the invariants judge what is left.
 */
export async function awaitQuiescence(
  context: ReaderContext,
  userIds: readonly string[],
  maxMs: number,
): Promise<{ settled: boolean; waitedMs: number }> {
  const started = Date.now();
  let pending = [...userIds];
  while (true) {
    const flags = await Promise.all(pending.map((userId) => unsettled(context, userId)));
    pending = pending.filter((_, index) => flags[index]);
    const waitedMs = Date.now() - started;
    if (pending.length === 0) return { settled: true, waitedMs };
    if (waitedMs >= maxMs) return { settled: false, waitedMs };
    await sleep(1_000);
  }
}

/**
 * Whether buy and sell work end to end: a buy by a user with no money must be refused as
 * INSUFFICIENT_FUNDS. Anything else (no route, no handler, no workflow) leaves orders out of the
 * workload, and the report says why.
 */
export async function probeOrders(
  context: ReaderContext,
  probeUserId: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  // Injected faults can refuse the probe too; the client resends until a steady answer decides.
  const client = clientFor(context, probeUserId, { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 1_000 });
  try {
    const { response, error } = await client.POST('/orders/buy', {
      body: { asset: 'BTC', quantity: '0.00010000' },
    });
    const code = stringAt(error, 'error', 'code');
    if (response.status === 422 && code === 'INSUFFICIENT_FUNDS') return { ok: true };
    return {
      ok: false,
      reason: `POST /orders/buy answered ${response.status} ${code ?? JSON.stringify(error)}`,
    };
  } catch (error) {
    return {
      ok: false,
      reason: `POST /orders/buy got no answer: ${error instanceof Error ? error.message : error}`,
    };
  }
}
