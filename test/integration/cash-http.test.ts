import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUserId } from '../support/ids';
import { expectLedgerConsistent } from '../support/ledger';
import { startTestApi, type TestApi } from '../support/local-api';

interface ErrorBody {
  readonly error?: { readonly code: string; readonly message: string };
}

describe('deposits and withdrawals through HTTP, under concurrency', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  /** A client that meets 409 LOCKED waits and retries, as Retry-After invites. */
  async function withdraw(token: string, amount: string): Promise<{ status: number; code?: string }> {
    for (;;) {
      const response = await api.request<ErrorBody>('POST', '/withdrawals', { token, body: { amount } });
      if (response.status === 409 && response.json.error?.code === 'LOCKED') continue;
      return { status: response.status, code: response.json.error?.code };
    }
  }

  it('lets exactly three of twenty concurrent 30.00 withdrawals from 100.00 through; the rest are 422', async () => {
    const userId = newUserId();
    const token = await api.tokenFor(userId);
    expect((await api.request('POST', '/deposits', { token, body: { amount: '100.00' } })).status).toBe(201);

    const answers = await Promise.all(Array.from({ length: 20 }, () => withdraw(token, '30.00')));

    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3);
    expect(
      answers.filter((answer) => answer.status === 422 && answer.code === 'INSUFFICIENT_FUNDS'),
    ).toHaveLength(17);
    const balance = await api.request<{ cash: { available: string; held: string } }>('GET', '/balance', {
      token,
    });
    expect(balance.json.cash).toEqual({ available: '10.00', held: '0.00' });
    expect(await expectLedgerConsistent(userId, 'USD')).toBe(1_000n);
  });

  it('lands every one of many concurrent deposits, exact to the cent', async () => {
    const userId = newUserId();
    const token = await api.tokenFor(userId);
    const answers = await Promise.all(
      Array.from({ length: 15 }, async () => {
        for (;;) {
          const response = await api.request<ErrorBody>('POST', '/deposits', {
            token,
            body: { amount: '0.10' },
          });
          if (response.status !== 409) return response.status;
        }
      }),
    );
    expect(answers).toEqual(Array.from({ length: 15 }, () => 201));
    const balance = await api.request<{ cash: { available: string } }>('GET', '/balance', { token });
    expect(balance.json.cash.available).toBe('1.50');
  });
});
