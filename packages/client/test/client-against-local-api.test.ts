import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { acquireUserLock, releaseUserLock } from '../../../common/lease/user-lock';
import { newUserId } from '../../../test/support/ids';
import { startTestApi, type TestApi } from '../../../test/support/local-api';
import { resetNextStorageCalls } from '../../../test/support/storage-resets';
import {
  type AttemptReport,
  type Balance,
  createLockstepClient,
  type LockstepClientOptions,
  NoAnswerError,
  type Order,
  type Tx,
} from '../src/index';

/**
 * The client against the real local server: what it sends, and what it does with the answers the
 * contract calls indefinite. Faults are made where they happen: an answer lost on the way back
 * (a fetch that throws after the server answered), storage failing inside the server (a connection
 * reset on the server's DynamoDB client), and a request that really is still in progress (the
 * user's lock held under the same Idempotency-Key).
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  resetNextStorageCalls(0);
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FAST_RETRIES = { baseDelayMs: 5, maxDelayMs: 2_000 } as const;

/** A client for a new user, recording every attempt. */
async function clientForNewUser(options: Partial<LockstepClientOptions> = {}) {
  const userId = newUserId('client');
  const token = await api.tokenFor(userId);
  const attempts: AttemptReport[] = [];
  const client = createLockstepClient({
    baseUrl: api.url,
    token,
    retry: FAST_RETRIES,
    onAttempt: (report) => attempts.push(report),
    ...options,
  });
  return { userId, token, client, attempts };
}

/** A fetch that lets the server answer the first `lost` attempts, then loses their answers. */
function losingAnswers(lost: number) {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request.clone());
    const response = await globalThis.fetch(request);
    if (sent.length <= lost) {
      await response.arrayBuffer();
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    }
    return response;
  };
  return { fetch, sent };
}

describe('@lockstep/client against the local API', () => {
  it('returns typed answers, and gives a POST a fresh Idempotency-Key that a repeat replays', async () => {
    const { client, attempts } = await clientForNewUser();
    const deposit = await client.POST('/deposits', { body: { amount: '100.00' } });
    expect(deposit.response.status).toBe(201);
    expect(deposit.data?.transaction).toMatchObject({ type: 'DEPOSIT', asset: 'USD', amount: '100.00' });
    expect(deposit.data?.balance.cash).toEqual({ available: '100.00', held: '0.00' });
    const key = attempts[0]?.idempotencyKey ?? '';
    expect(key).toMatch(UUID);

    const again = await client.POST('/deposits', {
      body: { amount: '100.00' },
      params: { header: { 'Idempotency-Key': key } },
    });
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(deposit.data);
    expect(attempts.map((attempt) => attempt.idempotencyKey)).toEqual([key, key]);

    const next = await client.POST('/deposits', { body: { amount: '1.00' } });
    expect(next.response.headers.get('idempotent-replayed')).toBeNull();
    expect(attempts[2]?.idempotencyKey).toMatch(UUID);
    expect(attempts[2]?.idempotencyKey).not.toBe(key);

    const balance = await client.GET('/balance');
    expect(balance.data?.cash.available).toBe('101.00');
    expect(attempts[3]).toMatchObject({ method: 'GET', idempotencyKey: undefined, status: 200 });
  });

  it('resends an answer lost after the server applied it with the same key, and the deposit lands once', async () => {
    const { fetch, sent } = losingAnswers(1);
    const { client, attempts } = await clientForNewUser({ fetch });
    const deposit = await client.POST('/deposits', { body: { amount: '25.00' } });

    expect(deposit.response.status).toBe(201);
    expect(deposit.response.headers.get('idempotent-replayed')).toBe('true');
    expect(sent).toHaveLength(2);
    const keys = sent.map((request) => request.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
    expect(await Promise.all(sent.map((request) => request.text()))).toEqual([
      '{"amount":"25.00"}',
      '{"amount":"25.00"}',
    ]);
    expect(attempts[0]).toMatchObject({ attempt: 1, error: expect.any(TypeError) });
    expect(attempts[1]).toMatchObject({ attempt: 2, status: 201 });
    expect((await client.GET('/balance')).data?.cash.available).toBe('25.00');
    const ledger = await client.GET('/transactions');
    expect(ledger.data?.items).toHaveLength(1);
  });

  it('resends a buy whose answer was lost, and the order is executed once', async () => {
    const { client, token } = await clientForNewUser();
    await client.POST('/deposits', { body: { amount: '1000.00' } });
    const { fetch, sent } = losingAnswers(2);
    const flaky = createLockstepClient({ baseUrl: api.url, token, retry: FAST_RETRIES, fetch });
    const buy = await flaky.POST('/orders/buy', { body: { asset: 'BTC', quantity: '0.001' } });
    expect(buy.response.status).toBe(201);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((request) => request.headers.get('idempotency-key'))).size).toBe(1);
    const orders = await client.GET('/orders');
    expect(orders.data?.items).toHaveLength(1);
    expect(orders.data?.items[0]).toMatchObject({ status: 'COMPLETED', orderId: buy.data?.order.orderId });
  });

  it("resends after the server's 503, waiting at least its Retry-After", async () => {
    const { client, attempts } = await clientForNewUser();
    resetNextStorageCalls(1);
    const deposit = await client.POST('/deposits', { body: { amount: '10.00' } });
    expect(deposit.response.status).toBe(201);
    expect(attempts.map((attempt) => attempt.status)).toEqual([503, 201]);
    expect(attempts[0]?.retryInMs).toBeGreaterThanOrEqual(1_000);
    expect(attempts[1]?.idempotencyKey).toBe(attempts[0]?.idempotencyKey);
  });

  it('hands back the 503 when Retry-After asks for a longer wait than the policy allows', async () => {
    const { client, attempts } = await clientForNewUser({ retry: { ...FAST_RETRIES, maxDelayMs: 500 } });
    resetNextStorageCalls(1);
    const deposit = await client.POST('/deposits', { body: { amount: '10.00' } });
    expect(deposit.response.status).toBe(503);
    expect(deposit.error?.error.code).toBe('UNAVAILABLE');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.retryInMs).toBeUndefined();
  });

  it('resends 409 IDEMPOTENCY_IN_PROGRESS until the first request with the key is done', async () => {
    const key = `client-test-${crypto.randomUUID()}`;
    let held: Awaited<ReturnType<typeof acquireUserLock>> | undefined;
    /** The first request with the key finishes once the client has seen its 409. */
    let finished: Promise<unknown> = Promise.resolve();
    const { userId, client, attempts } = await clientForNewUser({
      onAttempt: (report) => {
        attempts.push(report);
        if (report.status === 409 && held) finished = releaseUserLock(held);
      },
      fetch: async (request) => {
        await finished;
        return globalThis.fetch(request);
      },
    });
    held = await acquireUserLock(userId, 'deposit', { holderKey: key });
    const deposit = await client.POST('/deposits', {
      body: { amount: '5.00' },
      params: { header: { 'Idempotency-Key': key } },
    });
    expect(attempts.map((attempt) => [attempt.status, attempt.idempotencyKey])).toEqual([
      [409, key],
      [201, key],
    ]);
    expect(deposit.response.status).toBe(201);
  });

  it('sends definite answers back at once: 422, 400, 401 and 404 are not resent', async () => {
    const { client, attempts } = await clientForNewUser();
    const withdrawal = await client.POST('/withdrawals', { body: { amount: '1.00' } });
    expect(withdrawal.response.status).toBe(422);
    expect(withdrawal.error?.error.code).toBe('INSUFFICIENT_FUNDS');
    const bad = await client.GET('/orders', { params: { query: { limit: 0 } } });
    expect(bad.error?.error.code).toBe('VALIDATION_ERROR');
    const missing = await client.GET('/orders/{orderId}', { params: { path: { orderId: 'no-such-order' } } });
    expect(missing.error?.error.code).toBe('NOT_FOUND');
    const anonymous = createLockstepClient({
      baseUrl: api.url,
      onAttempt: (report) => attempts.push(report),
    });
    expect((await anonymous.GET('/balance')).response.status).toBe(401);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 422],
      [1, 400],
      [1, 404],
      [1, 401],
    ]);
  });

  it('gives up after maxAttempts without an answer, naming the key to resend with', async () => {
    const sent: Request[] = [];
    const { client } = await clientForNewUser({
      retry: { ...FAST_RETRIES, maxAttempts: 3 },
      fetch: async (request) => {
        sent.push(request);
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        });
      },
    });
    const failure = await client
      .POST('/deposits', { body: { amount: '1.00' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NoAnswerError);
    const noAnswer = failure as NoAnswerError;
    expect(noAnswer.attempts).toBe(3);
    expect(noAnswer.idempotencyKey).toMatch(UUID);
    expect(noAnswer.message).toContain('ECONNREFUSED');
    expect(sent.map((request) => request.headers.get('idempotency-key'))).toEqual(
      Array(3).fill(noAnswer.idempotencyKey),
    );
  });

  it('resends an attempt that outlives its timeout', async () => {
    let calls = 0;
    const { client, attempts } = await clientForNewUser({
      retry: { ...FAST_RETRIES, attemptTimeoutMs: 500 },
      fetch: async (request) => {
        calls++;
        if (calls === 1) {
          await new Promise((_, reject) =>
            request.signal.addEventListener('abort', () => reject(request.signal.reason)),
          );
        }
        return globalThis.fetch(request);
      },
    });
    const health = await client.GET('/health');
    expect(health.data).toEqual({ status: 'ok' });
    expect(attempts[0]?.error).toMatchObject({ name: 'TimeoutError' });
    expect(attempts.at(-1)?.status).toBe(200);
  });

  it('never resends once the caller has given up', async () => {
    const caller = new AbortController();
    let calls = 0;
    const { client } = await clientForNewUser({
      fetch: async (request) => {
        calls++;
        caller.abort();
        throw request.signal.reason;
      },
    });
    await expect(client.GET('/health', { signal: caller.signal })).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('types answers from openapi.yaml: a ledger entry and an order are unions, not unknown', () => {
    expectTypeOf<Tx['amount']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Tx, { type: 'DEPOSIT' }>['asset']>().toEqualTypeOf<'USD'>();
    expectTypeOf<Extract<Order, { status: 'FAILED' }>['failureReason']>().toEqualTypeOf<string>();
    expectTypeOf<Balance['cash']['held']>().toEqualTypeOf<string>();
    expectTypeOf<Tx>().not.toBeUnknown();
  });
});
