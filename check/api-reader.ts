import { createLockstepClient, type LockstepClient, NoAnswerError, type RetryPolicy } from '@lockstep/client';
import type { FinalUserState } from './final-state';
import { fieldOf, stringAt } from './history';
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

type ListRoute = '/transactions' | '/orders' | '/holds';

function readPage(client: LockstepClient, route: ListRoute, cursor: string | undefined): Promise<unknown> {
  const params = { query: { limit: PAGE_LIMIT, ...(cursor === undefined ? {} : { cursor }) } };
  switch (route) {
    case '/orders':
      return readOk(() => client.GET('/orders', { params }));
    case '/holds':
      return readOk(() => client.GET('/holds', { params }));
    case '/transactions':
      return readOk(() => client.GET('/transactions', { params }));
  }
}

/** Every item of a paginated list, newest first as the API lists them; undefined if a page failed. */
export async function readAllPages(
  context: ReaderContext,
  userId: string,
  route: ListRoute,
): Promise<unknown[] | undefined> {
  const client = clientFor(context, userId);
  const items: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const json = await readPage(client, route, cursor);
    const pageItems = fieldOf(json, 'items');
    if (!Array.isArray(pageItems)) return undefined;
    items.push(...pageItems);
    cursor = stringAt(json, 'nextCursor');
    if (cursor === undefined) return items;
  }
  return undefined;
}

/** A read that stops moving: only the reaper and fill passes still act, and each moves a balance. */
const STABLE_READ_TRIES = 5;

/**
 * One user's whole state, read so that it holds together: the balance is read first and last, and
 * the read is repeated while they differ, so no expiry or fill landed between the lists.
 */
export async function readFinalState(context: ReaderContext, userId: string): Promise<FinalUserState> {
  let state: FinalUserState | undefined;
  for (let attempt = 0; attempt < STABLE_READ_TRIES; attempt++) {
    const readAt = Date.now();
    const balance = await readBalance(context, userId);
    state = {
      userId,
      readAt,
      balance,
      holds: await readAllPages(context, userId, '/holds'),
      orders: await readAllPages(context, userId, '/orders'),
      transactions: await readAllPages(context, userId, '/transactions'),
    };
    if (JSON.stringify(await readBalance(context, userId)) === JSON.stringify(balance)) return state;
  }
  return state as FinalUserState;
}

/** GET /assets as it answered, for the prices OPEN orders are judged against. */
export const readListedAssets = (context: ReaderContext, userId: string): Promise<unknown> =>
  readOk(() => clientFor(context, userId).GET('/assets'));

export interface SettledRead {
  readonly finalStates: readonly FinalUserState[];
  readonly listedAssets: unknown;
  readonly settled: boolean;
  readonly waitedMs: number;
}

/**
 * Reads every user's final state until none is still in flight (`unsettled`: a PENDING order, a hold
 * or OPEN order past its expiry that the reaper has yet to release, an OPEN order the listed price
 * satisfies that a fill pass has yet to fill), or `maxMs` passes. A user that is settled is not read
 * again: after the load nothing but the reaper and fill passes acts, and they act only on unsettled
 * things. The invariants judge whatever is left.
 */
export async function readSettledStates(
  context: ReaderContext,
  userIds: readonly string[],
  unsettled: (state: FinalUserState, listedAssets: unknown) => boolean,
  maxMs: number,
): Promise<SettledRead> {
  const started = Date.now();
  const states = new Map<string, FinalUserState>();
  let pending = [...userIds];
  let listedAssets: unknown;
  while (true) {
    listedAssets = await readListedAssets(context, userIds[0] ?? 'reader');
    const read = await Promise.all(pending.map((userId) => readFinalState(context, userId)));
    for (const state of read) states.set(state.userId, state);
    pending = read.filter((state) => unsettled(state, listedAssets)).map((state) => state.userId);
    const waitedMs = Date.now() - started;
    if (pending.length === 0 || waitedMs >= maxMs) {
      const finalStates = userIds.flatMap((userId) => states.get(userId) ?? []);
      return { finalStates, listedAssets, settled: pending.length === 0, waitedMs };
    }
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
