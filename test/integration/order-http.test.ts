import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

interface OrderBody {
  readonly orderId: string;
  readonly side: string;
  readonly total: string;
  readonly status: string;
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

async function fundedTrader(amount: string): Promise<string> {
  const token = await api.tokenFor(newUserId('trader'));
  const funded = await api.request('POST', '/deposits', { token, body: { amount } });
  expect(funded.status).toBe(201);
  return token;
}

describe('buy and sell over HTTP, against the local stack', () => {
  it('buy then sell: exact balances, ledger, orders, and the buy rounds up while the sell rounds down', async () => {
    const token = await fundedTrader('1000.00');

    const buy = await api.request<{ order: OrderBody }>('POST', '/orders/buy', {
      token,
      body: { asset: 'BTC', quantity: '0.00333333' },
    });
    expect(buy.status).toBe(201);
    expect(buy.json).toEqual({
      order: {
        orderId: expect.stringMatching(/^[0-9A-Z]{26}$/),
        side: 'BUY',
        type: 'MARKET',
        asset: 'BTC',
        quantity: '0.00333333',
        price: '50000.00',
        total: '166.67',
        status: 'COMPLETED',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      balance: {
        cash: { available: '833.33', held: '0.00' },
        assets: { BTC: { available: '0.00333333', held: '0.00000000' } },
      },
    });

    const sell = await api.request<{ order: OrderBody }>('POST', '/orders/sell', {
      token,
      body: { asset: 'BTC', quantity: 0.00333333 },
    });
    expect(sell.status).toBe(201);
    expect(sell.json.order).toMatchObject({ side: 'SELL', total: '166.66', status: 'COMPLETED' });

    expect((await api.request('GET', '/balance', { token })).json).toEqual({
      cash: { available: '999.99', held: '0.00' },
      assets: { BTC: { available: '0.00000000', held: '0.00000000' } },
    });
    const transactions = await api.request<{ items: Array<Record<string, string>> }>('GET', '/transactions', {
      token,
    });
    expect(
      transactions.json.items.map(({ type, asset, amount, balanceAfter }) => [
        type,
        asset,
        amount,
        balanceAfter,
      ]),
    ).toEqual([
      ['SELL', 'USD', '166.66', '999.99'],
      ['SELL', 'BTC', '-0.00333333', '0.00000000'],
      ['BUY', 'BTC', '0.00333333', '0.00333333'],
      ['BUY', 'USD', '-166.67', '833.33'],
      ['DEPOSIT', 'USD', '1000.00', '1000.00'],
    ]);
    expect(transactions.json.items[0]?.orderId).toBe(sell.json.order.orderId);

    const orders = await api.request<{ items: OrderBody[]; nextCursor: string | null }>(
      'GET',
      '/orders?limit=1',
      {
        token,
      },
    );
    expect(orders.json.items.map((order) => order.orderId)).toEqual([sell.json.order.orderId]);
    const next = await api.request<{ items: OrderBody[] }>(
      'GET',
      `/orders?limit=1&cursor=${encodeURIComponent(orders.json.nextCursor ?? '')}`,
      { token },
    );
    expect(next.json.items.map((order) => order.orderId)).toEqual([buy.json.order.orderId]);

    const one = await api.request('GET', `/orders/${buy.json.order.orderId}`, { token });
    expect(one.status).toBe(200);
    expect(one.json).toEqual(buy.json.order);
  });

  it("another user's order, and an id that cannot be an order, read as 404 NOT_FOUND", async () => {
    const owner = await fundedTrader('100.00');
    const buy = await api.request<{ order: OrderBody }>('POST', '/orders/buy', {
      token: owner,
      body: { asset: 'SOL', quantity: '0.1' },
    });
    const stranger = await api.tokenFor(newUserId('stranger'));
    for (const path of [`/orders/${buy.json.order.orderId}`, '/orders/not-an-order-id']) {
      const response = await api.request('GET', path, { token: stranger });
      expect(response.status).toBe(404);
      expect(response.json).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('a keyed buy sent twice trades once and replays the first answer', async () => {
    const token = await fundedTrader('1000.00');
    const send = (quantity: string) =>
      api.request('POST', '/orders/buy', {
        token,
        headers: { 'idempotency-key': 'buy-once-1' },
        body: { asset: 'ETH', quantity },
      });

    const first = await send('0.1');
    const again = await send('0.1');

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const orders = await api.request<{ items: unknown[] }>('GET', '/orders', { token });
    expect(orders.json.items).toHaveLength(1);
    const transactions = await api.request<{ items: unknown[] }>('GET', '/transactions', { token });
    expect(transactions.json.items).toHaveLength(3);
    expect((await api.request('GET', '/balance', { token })).json).toMatchObject({
      cash: { available: '700.00', held: '0.00' },
    });

    const reused = await send('0.2');
    expect(reused.status).toBe(422);
    expect(reused.json).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('a buy over the available cash is 422 INSUFFICIENT_FUNDS with the FAILED order, which GET /orders/{id} shows', async () => {
    const token = await fundedTrader('50.00');
    const refused = await api.request<{ order: OrderBody }>('POST', '/orders/buy', {
      token,
      body: { asset: 'BTC', quantity: '0.01' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      error: {
        code: 'INSUFFICIENT_FUNDS',
        message: 'Insufficient funds: available 50.00 USD, required 500.00 USD',
      },
      order: { status: 'FAILED', failureReason: 'INSUFFICIENT_FUNDS' },
    });
    const stored = await api.request('GET', `/orders/${refused.json.order.orderId}`, { token });
    expect(stored.json).toEqual(refused.json.order);
    expect((await api.request('GET', '/balance', { token })).json).toMatchObject({
      cash: { available: '50.00', held: '0.00' },
    });
  });
});
