import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUserId } from '../support/ids';
import { expectLedgerConsistent, ledgerOf } from '../support/ledger';
import { startTestApi, type TestApi } from '../support/local-api';

interface ErrorBody {
  readonly error?: { readonly code: string; readonly message: string };
  readonly dailyLimit?: Record<string, string>;
}

interface LimitUsage {
  readonly limit: string;
  readonly used: string;
  readonly remaining: string;
  readonly source: string;
}

interface LimitsBody {
  readonly userId: string;
  readonly day: string;
  readonly resetsAt: string;
  readonly deposit: LimitUsage;
  readonly withdrawal: LimitUsage;
}

const usage = (limit: string, used: string, remaining: string, source: string): LimitUsage => ({
  limit,
  used,
  remaining,
  source,
});

function expectRefusedByLimit(answer: { status: number; json: ErrorBody }, figures: Record<string, string>) {
  expect(answer.status).toBe(422);
  expect(answer.json.error?.code).toBe('DAILY_LIMIT_EXCEEDED');
  expect(answer.json.dailyLimit).toMatchObject(figures);
}

describe('daily limits through HTTP', () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor(newUserId('ops'), { admin: true });
  });
  afterAll(() => api.stop());

  /** A client that meets 409 LOCKED waits and retries, as Retry-After invites. */
  async function post(token: string, path: string, amount: string, key?: string) {
    const headers: Record<string, string> = key ? { 'idempotency-key': key } : {};
    for (;;) {
      const response = await api.request<ErrorBody>('POST', path, { token, body: { amount }, headers });
      if (response.status === 409 && response.json.error?.code === 'LOCKED') continue;
      return response;
    }
  }

  async function fundedUser(amount = '10000.00') {
    const userId = newUserId();
    const token = await api.tokenFor(userId);
    expect((await post(token, '/deposits', amount)).status).toBe(201);
    return { userId, token };
  }

  const limitsOf = (userId: string, token = admin) =>
    api.request<LimitsBody>('GET', `/users/${encodeURIComponent(userId)}/limits`, { token });
  const setLimits = (userId: string, body: unknown, token = admin) =>
    api.request<LimitsBody & ErrorBody>('PUT', `/users/${encodeURIComponent(userId)}/limits`, {
      token,
      body,
    });

  it('lets exactly 16 of 20 concurrent 300.00 withdrawals through (4800.00); the rest are refused with the figures', async () => {
    const { userId, token } = await fundedUser();

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(token, '/withdrawals', '300.00')),
    );

    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(16);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(4);
    for (const answer of refused) {
      expectRefusedByLimit(answer, {
        kind: 'withdrawal',
        limit: '5000.00',
        used: '4800.00',
        remaining: '200.00',
        requested: '300.00',
      });
      expect(answer.json.error?.message).toContain('limit 5000.00 USD, used 4800.00 USD');
      expect(answer.json.error?.message).toContain('200.00 USD left');
    }
    const balance = await api.request<{ cash: { available: string } }>('GET', '/balance', { token });
    expect(balance.json.cash.available).toBe('5200.00');
    expect(await expectLedgerConsistent(userId, 'USD')).toBe(520_000n);
    expect((await ledgerOf(userId)).filter((entry) => entry.type === 'WITHDRAWAL')).toHaveLength(16);
    const limits = await limitsOf(userId, token);
    expect(limits.json.withdrawal).toEqual(usage('5000.00', '4800.00', '200.00', 'default'));
    // What is left can still be taken, to the cent.
    expect((await post(token, '/withdrawals', '200.00')).status).toBe(201);
    expect((await post(token, '/withdrawals', '0.01')).json.dailyLimit?.remaining).toBe('0.00');
  });

  it('refuses a deposit past 10000.00 a day, naming the figures, and changes nothing', async () => {
    const { userId, token } = await fundedUser('9999.99');
    expectRefusedByLimit(await post(token, '/deposits', '0.02'), {
      kind: 'deposit',
      limit: '10000.00',
      used: '9999.99',
      remaining: '0.01',
      requested: '0.02',
    });
    expect(await expectLedgerConsistent(userId, 'USD')).toBe(999_999n);
    expect((await post(token, '/deposits', '0.01')).status).toBe(201);
  });

  it("counts transfers out toward the payer's withdrawal limit, and leaves the payee's deposit limit alone", async () => {
    const payer = await fundedUser();
    const payee = await fundedUser();
    const transfer = (amount: string) =>
      api.request<ErrorBody>('POST', '/transfers', {
        token: payer.token,
        body: { to: payee.userId, amount },
      });
    expect((await post(payer.token, '/withdrawals', '4000.00')).status).toBe(201);
    expect((await transfer('900.00')).status).toBe(201);
    expectRefusedByLimit(await transfer('100.01'), {
      kind: 'withdrawal',
      limit: '5000.00',
      used: '4900.00',
      remaining: '100.00',
      requested: '100.01',
    });
    expect((await transfer('100.00')).status).toBe(201);
    expectRefusedByLimit(await post(payer.token, '/withdrawals', '0.01'), {
      used: '5000.00',
      remaining: '0.00',
    });
    expect(await expectLedgerConsistent(payer.userId, 'USD')).toBe(500_000n);
    // The payee took in 1000.00 on top of a day's full 10000.00 of deposits, and still could withdraw.
    const payeeLimits = await limitsOf(payee.userId, payee.token);
    expect(payeeLimits.json.deposit).toEqual(usage('10000.00', '10000.00', '0.00', 'default'));
    expect(await expectLedgerConsistent(payee.userId, 'USD')).toBe(1_100_000n);
  });

  it('lets no more than the limit out through concurrent transfers and withdrawals', async () => {
    const payer = await fundedUser();
    const payee = await fundedUser('1.00');
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        for (;;) {
          const answer =
            index % 2 === 0
              ? await api.request<ErrorBody>('POST', '/transfers', {
                  token: payer.token,
                  body: { to: payee.userId, amount: '300.00' },
                })
              : await api.request<ErrorBody>('POST', '/withdrawals', {
                  token: payer.token,
                  body: { amount: '300.00' },
                });
          if (answer.status !== 409) return answer;
        }
      }),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(16);
    expect(answers.filter((answer) => answer.json?.error?.code === 'DAILY_LIMIT_EXCEEDED')).toHaveLength(4);
    expect(await expectLedgerConsistent(payer.userId, 'USD')).toBe(520_000n);
  });

  it('judges funds before the limit: a withdrawal that lacks both is told what it lacks', async () => {
    const { token } = await fundedUser('100.00');
    const refused = await post(token, '/withdrawals', '6000.00');
    expect(refused.json.error?.code).toBe('INSUFFICIENT_FUNDS');
  });

  it("lets an admin set a user's own limits, and put them back on the defaults", async () => {
    const { userId, token } = await fundedUser();
    const raised = await setLimits(userId, { withdrawal: '6000.00', deposit: 20_000 });
    expect(raised.status).toBe(200);
    expect(raised.json).toMatchObject({
      userId,
      deposit: usage('20000.00', '10000.00', '10000.00', 'user'),
      withdrawal: usage('6000.00', '0.00', '6000.00', 'user'),
    });
    expect((await post(token, '/withdrawals', '5500.00')).status).toBe(201);
    expect((await post(token, '/deposits', '10000.00')).status).toBe(201);
    expect((await post(token, '/withdrawals', '500.01')).json.dailyLimit).toMatchObject({
      limit: '6000.00',
      used: '5500.00',
      remaining: '500.00',
    });

    const reset = await setLimits(userId, {});
    expect(reset.json.withdrawal).toEqual(usage('5000.00', '5500.00', '0.00', 'default'));
    expect((await post(token, '/withdrawals', '0.01')).json.error?.code).toBe('DAILY_LIMIT_EXCEEDED');

    const blocked = await setLimits(userId, { deposit: '0' });
    expect(blocked.json.deposit).toMatchObject({ limit: '0.00', remaining: '0.00', source: 'user' });
    expect((await post(token, '/deposits', '0.01')).json.error?.code).toBe('DAILY_LIMIT_EXCEEDED');
    expect(await expectLedgerConsistent(userId, 'USD')).toBe(1_450_000n);
  });

  it('refuses a non-admin with 403 and changes nothing, even for their own limits', async () => {
    const { userId, token } = await fundedUser();
    const refused = await setLimits(userId, { withdrawal: '1000000.00' }, token);
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe('FORBIDDEN');
    expect((await limitsOf(userId)).json.withdrawal.source).toBe('default');
    expect((await post(token, '/withdrawals', '5000.01')).json.error?.code).toBe('DAILY_LIMIT_EXCEEDED');
  });

  it("keeps a user's limits and the day's use through a buy and a sell, whose balance travels through the workflow", async () => {
    const { userId, token } = await fundedUser();
    await setLimits(userId, { withdrawal: '7000.00' });
    expect((await post(token, '/withdrawals', '1000.00')).status).toBe(201);
    const trade = (side: string) =>
      api.request('POST', `/orders/${side}`, { token, body: { asset: 'BTC', quantity: '0.001' } });
    expect((await trade('buy')).status).toBe(201);
    expect((await trade('sell')).status).toBe(201);
    const limits = await limitsOf(userId, token);
    expect(limits.json.withdrawal).toEqual(usage('7000.00', '1000.00', '6000.00', 'user'));
    expect(limits.json.deposit.used).toBe('10000.00');
  });

  it("shows users their own limits, and another user's to admins only", async () => {
    const { userId, token } = await fundedUser('100.00');
    const own = await limitsOf(userId, token);
    expect(own.status).toBe(200);
    expect(own.json.deposit).toEqual(usage('10000.00', '100.00', '9900.00', 'default'));
    const other = await fundedUser('1.00');
    const peek = await limitsOf(other.userId, token);
    expect(peek.status).toBe(404);
    expect((peek.json as unknown as ErrorBody).error?.code).toBe('NOT_FOUND');
  });

  it('answers 404 for a user without an account, and creates none', async () => {
    const userId = newUserId('nobody');
    const refused = await setLimits(userId, { withdrawal: '1.00' });
    expect(refused.status).toBe(404);
    expect(refused.json.error?.code).toBe('NOT_FOUND');
    expect((await limitsOf(userId)).json.withdrawal.source).toBe('default');
    expect(await ledgerOf(userId)).toEqual([]);
  });

  it('replays a refused request as it was first answered, even once the limit is raised', async () => {
    const { userId, token } = await fundedUser();
    expect((await post(token, '/withdrawals', '5000.00')).status).toBe(201);
    const key = `limit-refusal-${userId}`;
    const first = await post(token, '/withdrawals', '1.00', key);
    expect(first.status).toBe(422);
    expect(first.json.error?.code).toBe('DAILY_LIMIT_EXCEEDED');

    await setLimits(userId, { withdrawal: '9000.00' });
    const replay = await post(token, '/withdrawals', '1.00', key);
    expect(replay.status).toBe(422);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect(await expectLedgerConsistent(userId, 'USD')).toBe(500_000n);
    // A fresh request is judged on the new limit.
    expect((await post(token, '/withdrawals', '1.00')).status).toBe(201);
  });

  it.each([
    ['a negative limit', { withdrawal: '-1.00' }],
    ['three decimal places', { withdrawal: '1.001' }],
    ['more than the largest amount', { deposit: '1000000000.01' }],
    ['an unknown field', { withdrawal: '1.00', transfer: '1.00' }],
    ['a limit that is not a decimal', { deposit: true }],
    ['a body that is not an object', ['1.00']],
    ['a body that is not JSON', '{"withdrawal":'],
  ])('answers 400 for %s and changes nothing', async (_case, body) => {
    const { userId } = await fundedUser('1.00');
    const refused = await setLimits(userId, body);
    expect(refused.status).toBe(400);
    expect(refused.json.error?.code).toBe('VALIDATION_ERROR');
    expect((await limitsOf(userId)).json.withdrawal).toMatchObject({ limit: '5000.00', source: 'default' });
  });

  it('answers 400 for a user id longer than any token subject', async () => {
    const refused = await setLimits('u'.repeat(129), { withdrawal: '1.00' });
    expect(refused.status).toBe(400);
    expect(refused.json.error?.code).toBe('VALIDATION_ERROR');
  });
});
