import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depositPastDailyLimits } from '../support/daily-limits';
import { newAssetSymbol, newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

/**
 * Quantities sent as JSON numbers with more significant digits than a binary double holds
 * (17 here) are read exactly: the outcome depends on the decimal the client wrote, never on
 * whether a double happens to carry it.
 */
let api: TestApi;
let asset: string;
beforeAll(async () => {
  api = await startTestApi();
  asset = newAssetSymbol('NL');
  const admin = await api.tokenFor(newUserId('numbers-admin'), { admin: true });
  const listed = await api.request('PUT', `/assets/${asset}`, { token: admin, body: { price: '0.01' } });
  expect(listed.status).toBe(200);
});
afterAll(async () => {
  await api?.stop();
});

const jsonType = { 'content-type': 'application/json' };

describe('JSON number quantities over HTTP', () => {
  it('buys 987654321.87654321 and sells 123456789.12345678, to the last of 17 digits', async () => {
    expect(String(JSON.parse('987654321.87654321'))).not.toBe('987654321.87654321'); // a double cannot hold it
    const userId = newUserId('numbers');
    const token = await api.tokenFor(userId);
    await depositPastDailyLimits(api, userId, token, '9876543.22');

    const buy = await api.request<{ order: Record<string, string> }>('POST', '/orders/buy', {
      token,
      headers: jsonType,
      body: `{"asset":"${asset}","quantity":987654321.87654321}`,
    });
    expect(buy.status, buy.text).toBe(201);
    // 987654321.87654321 × 0.01 = 9876543.2187654321, rounded up to the cent.
    expect(buy.json.order).toMatchObject({ quantity: '987654321.87654321', total: '9876543.22' });

    const sell = await api.request<{ order: Record<string, string> }>('POST', '/orders/sell', {
      token,
      headers: jsonType,
      body: `{"asset":"${asset}","quantity":123456789.12345678}`,
    });
    expect(sell.status, sell.text).toBe(201);
    expect(sell.json.order).toMatchObject({ quantity: '123456789.12345678', total: '1234567.89' });

    expect((await api.request('GET', '/balance', { token })).json).toEqual({
      cash: { available: '1234567.89', held: '0.00' },
      assets: { [asset]: { available: '864197532.75308643', held: '0.00000000' } },
    });
  });

  it('refuses a ninth decimal place that a double would round away, and changes nothing', async () => {
    const token = await api.tokenFor(newUserId('numbers-refused'));
    expect((await api.request('POST', '/deposits', { token, body: { amount: '1000.00' } })).status).toBe(201);
    const refused = await api.request<{ error: { code: string; message: string } }>('POST', '/orders/buy', {
      token,
      headers: jsonType,
      body: `{"asset":"${asset}","quantity":12345.123456789}`,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'quantity has more than 8 decimal places.',
    });
    expect((await api.request('GET', '/balance', { token })).json).toEqual({
      cash: { available: '1000.00', held: '0.00' },
      assets: {},
    });
  });

  it('replays a retry that writes the same number another way, and refuses the value a double would make', async () => {
    const userId = newUserId('numbers-replay');
    const token = await api.tokenFor(userId);
    await depositPastDailyLimits(api, userId, token, '20000000.00');
    const send = (quantity: string) =>
      api.request<{ order: { orderId: string } }>('POST', '/orders/buy', {
        token,
        headers: { ...jsonType, 'idempotency-key': `numbers-${token.slice(-12)}` },
        body: `{"asset":"${asset}","quantity":${quantity}}`,
      });
    const first = await send('987654321.87654321');
    expect(first.status).toBe(201);
    const sameValue = await send('9.8765432187654321e8');
    expect(sameValue.status).toBe(201);
    expect(sameValue.headers.get('idempotent-replayed')).toBe('true');
    expect(sameValue.json.order.orderId).toBe(first.json.order.orderId);
    // What JSON.parse would have made of the first quantity is another quantity, so another request.
    const asDouble = await send(String(JSON.parse('987654321.87654321')));
    expect(asDouble.status).toBe(422);
  });
});
