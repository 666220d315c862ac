import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOpenOrders } from '../../common/limit-orders/open-order-store';
import { newAssetSymbol, newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

const USERS = 1_000;
/** Requests in flight at once while setting up; the fill pass itself is the system's own. */
const SETUP_CONCURRENCY = 16;

interface BalanceBody {
  cash: { available: string; held: string };
  assets: Record<string, { available: string; held: string }>;
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += SETUP_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(start, start + SETUP_CONCURRENCY).map(run))));
  }
  return results;
}

describe('one price change satisfying 1,000 open orders of 1,000 users', () => {
  it('fills every one of them at the new price, with every balance exact', { timeout: 600_000 }, async () => {
    const admin = await api.tokenFor('ops', { admin: true });
    const asset = newAssetSymbol('S');
    await api.request('PUT', `/assets/${asset}`, { token: admin, body: { price: '120.00' } });
    const tokens = await inBatches(
      Array.from({ length: USERS }, (_, index) => index),
      async (index) => {
        const token = await api.tokenFor(newUserId(`scale${index}`));
        const deposit = await api.request('POST', '/deposits', { token, body: { amount: '10.00' } });
        expect(deposit.status).toBe(201);
        // 0.03 × 100.00 = 3.00 held.
        const placed = await api.request<{ order: { status: string } }>('POST', '/orders/buy', {
          token,
          body: { type: 'LIMIT', asset, quantity: '0.03', limitPrice: '100.00' },
        });
        expect(placed.json.order.status).toBe('OPEN');
        return token;
      },
    );
    expect(await listOpenOrders(asset)).toHaveLength(USERS);

    await api.request('PUT', `/assets/${asset}`, { token: admin, body: { price: '90.01' } });
    while ((await listOpenOrders(asset)).length > 0) await new Promise((resolve) => setTimeout(resolve, 250));

    const balances = await inBatches(
      tokens,
      async (token) => (await api.request<BalanceBody>('GET', '/balance', { token })).json,
    );
    // 0.03 × 90.01 = 2.7003, paid rounded up: 2.71; the other 0.29 of the hold back to available.
    for (const balance of balances) {
      expect(balance.cash).toEqual({ available: '7.29', held: '0.00' });
      expect(balance.assets[asset]).toEqual({ available: '0.03000000', held: '0.00000000' });
    }
  });
});
