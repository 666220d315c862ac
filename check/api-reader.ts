import type { FinalUserState } from './final-state';
import { asRecord, fieldOf, parseJson, stringAt } from './history';
import { sendAttempt } from './http-attempt';
import { sleep } from './retry-policy';

export interface ReaderContext {
  readonly baseUrl: string;
  tokenFor(userId: string): Promise<string>;
  readonly requestTimeoutMs: number;
}

const READ_ATTEMPTS = 30;
const PAGE_LIMIT = 100;
/** 100 000 items per list; far beyond any run, and it stops a cursor that loops. */
const MAX_PAGES = 1_000;

/** A GET, retried through 409, 5xx and socket errors (reads are safe to repeat); undefined if it never answered 200. */
export async function getJson(context: ReaderContext, userId: string, path: string): Promise<unknown> {
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const answer = await sendAttempt(context.baseUrl, {
      method: 'GET',
      path,
      token: await context.tokenFor(userId),
      timeoutMs: context.requestTimeoutMs,
    });
    if (answer.status === 200) return parseJson(answer.body);
    if (answer.status !== undefined && answer.status < 500 && answer.status !== 409) return undefined;
    await sleep(Math.min(1_000, 50 * 2 ** attempt));
  }
  return undefined;
}

/** Every item of a paginated list, newest first as the API lists them; undefined if a page failed. */
export async function readAllPages(
  context: ReaderContext,
  userId: string,
  route: '/transactions' | '/orders',
): Promise<unknown[] | undefined> {
  const items: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = `limit=${PAGE_LIMIT}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const json = await getJson(context, userId, `${route}?${query}`);
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
    balance: await getJson(context, userId, '/balance'),
    transactions: await readAllPages(context, userId, '/transactions'),
    orders: await readAllPages(context, userId, '/orders'),
  };
}

/** Something still in flight for this user: a hold, or a PENDING order. */
async function unsettled(context: ReaderContext, userId: string): Promise<boolean> {
  const balance = asRecord(await getJson(context, userId, '/balance'));
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
 * Whether buy and sell work end to end: an unkeyed buy by a user with no money must be refused as
 * INSUFFICIENT_FUNDS. Anything else (no route, no handler, no workflow) leaves orders out of the
 * workload, and the report says why.
 */
export async function probeOrders(
  context: ReaderContext,
  probeUserId: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  let last = 'no answer';
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = await sendAttempt(context.baseUrl, {
      method: 'POST',
      path: '/orders/buy',
      token: await context.tokenFor(probeUserId),
      body: JSON.stringify({ asset: 'BTC', quantity: '0.00010000' }),
      timeoutMs: context.requestTimeoutMs,
    });
    const code = stringAt(parseJson(answer.body), 'error', 'code');
    if (answer.status === 422 && code === 'INSUFFICIENT_FUNDS') return { ok: true };
    last =
      answer.status === undefined
        ? (answer.errorDetail ?? answer.error ?? '')
        : `${answer.status} ${code ?? answer.body ?? ''}`;
    // Injected faults can refuse the probe too; only a steady answer decides.
    if (answer.status !== undefined && answer.status < 500 && answer.status !== 409) break;
    await sleep(200);
  }
  return { ok: false, reason: `POST /orders/buy answered ${last}` };
}
