import { describe, expect, it } from 'vitest';
import { resendingFetch } from '../src/resending-fetch';
import { DEFAULT_RETRY_POLICY, isWorthResending, retryAfterMs, waitBeforeNext } from '../src/retry-policy';

const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const failure = (code: string) => ({ error: { code, message: 'm', requestId: 'r' } });

describe('which answers are worth resending', () => {
  it.each([
    [500, failure('INTERNAL'), true],
    [502, 'Bad Gateway', true],
    [503, failure('UNAVAILABLE'), true],
    [409, failure('IDEMPOTENCY_IN_PROGRESS'), true],
    [409, failure('LOCKED'), true],
    [409, 'not json', false],
    [201, {}, false],
    [422, failure('INSUFFICIENT_FUNDS'), false],
    [422, failure('IDEMPOTENCY_KEY_REUSED'), false],
    [400, failure('VALIDATION_ERROR'), false],
    [401, failure('UNAUTHORIZED'), false],
    [404, failure('NOT_FOUND'), false],
  ])('%i %j: %s', async (status, body, expected) => {
    const response = answer(status, body);
    expect(await isWorthResending(response)).toBe(expected);
    expect(await response.text(), 'the body is still there to read').toBe(JSON.stringify(body));
  });
});

describe('how long to wait', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('backs off exponentially with full jitter, capped at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 10].map((attempt) => waitBeforeNext(policy, attempt, undefined, () => 1))).toEqual(
      [100, 200, 400, 800, 1_000, 1_000],
    );
    expect(waitBeforeNext(policy, 3, undefined, () => 0)).toBe(0);
  });

  it('waits at least Retry-After, and not at all when it is longer than maxDelayMs', () => {
    expect(waitBeforeNext(policy, 1, 1_000, () => 0.5)).toBe(1_000);
    expect(waitBeforeNext(policy, 1, 1_001, () => 0.5)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(answer(503, {}, { 'retry-after': '2' }), now)).toBe(2_000);
    expect(retryAfterMs(answer(503, {}, { 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(
      3_000,
    );
    expect(retryAfterMs(answer(503, {}, { 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(answer(503), now)).toBeUndefined();
  });
});

describe('what is resent', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1 };
  const countingFetch = () => {
    const sent: Request[] = [];
    const fetch = async (request: Request) => {
      sent.push(request);
      return answer(503, failure('UNAVAILABLE'));
    };
    return { fetch, sent };
  };

  it('a POST without an Idempotency-Key is sent once: resending it could apply it twice', async () => {
    const { fetch, sent } = countingFetch();
    const response = await resendingFetch(
      fetch,
      policy,
    )(new Request('http://api.test/deposits', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(1);
  });

  it('a POST with a key, and a GET, are resent up to maxAttempts', async () => {
    for (const request of [
      new Request('http://api.test/deposits', {
        method: 'POST',
        body: '{}',
        headers: { 'idempotency-key': 'k' },
      }),
      new Request('http://api.test/balance'),
    ]) {
      const { fetch, sent } = countingFetch();
      expect((await resendingFetch(fetch, policy)(request)).status).toBe(503);
      expect(sent).toHaveLength(policy.maxAttempts);
    }
  });
});
