import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAssetSymbol, newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

interface PortfolioBody {
  readonly asOf: string;
  readonly cash: string;
  readonly assets: ReadonlyArray<{ asset: string; quantity: string; price: string; value: string }>;
  readonly total: string;
}

let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.tokenFor(newUserId('portfolio-admin'), { admin: true });
});
afterAll(async () => {
  await api?.stop();
});

async function list(symbol: string, price: string): Promise<void> {
  const listed = await api.request('PUT', `/assets/${symbol}`, { token: admin, body: { price } });
  expect(listed.status, listed.text).toBe(200);
}

async function send(token: string, path: string, body: unknown): Promise<void> {
  const response = await api.request('POST', path, { token, body });
  expect(response.status, response.text).toBe(201);
}

describe('GET /portfolio over HTTP', () => {
  it('values cash and every holding at its current price, each line rounded down to the cent', async () => {
    const [first, second] = [newAssetSymbol('PF'), newAssetSymbol('PG')];
    await list(first, '333.33');
    await list(second, '0.07');
    const token = await api.tokenFor(newUserId('portfolio'));
    await send(token, '/deposits', { amount: '1000.00' });
    await send(token, '/orders/buy', { asset: first, quantity: '1.23456789' }); // pays 411.52
    await send(token, '/orders/buy', { asset: second, quantity: '0.33333333' }); // pays 0.03

    const before = Date.now();
    const read = await api.request<PortfolioBody>('GET', '/portfolio', { token });
    expect(read.status, read.text).toBe(200);
    expect(read.json).toEqual({
      asOf: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      cash: '588.45',
      assets: [
        // 1.23456789 × 333.33 = 411.5185547037
        { asset: first, quantity: '1.23456789', price: '333.33', value: '411.51' },
        // 0.33333333 × 0.07 = 0.0233333331
        { asset: second, quantity: '0.33333333', price: '0.07', value: '0.02' },
      ],
      total: '999.98',
    });
    expect(Math.abs(Date.parse(read.json.asOf) - before)).toBeLessThan(60_000);

    // A price change is in the very next read.
    await list(first, '400.00');
    const repriced = await api.request<PortfolioBody>('GET', '/portfolio', { token });
    expect(repriced.json.assets[0]).toEqual({
      asset: first,
      quantity: '1.23456789',
      price: '400.00',
      value: '493.82',
    });
    expect(repriced.json.total).toBe('1082.29');
  });

  it('leaves out what was sold off, and shows only the caller’s own account', async () => {
    const symbol = newAssetSymbol('PH');
    await list(symbol, '10.00');
    const token = await api.tokenFor(newUserId('portfolio-seller'));
    await send(token, '/deposits', { amount: '50.00' });
    await send(token, '/orders/buy', { asset: symbol, quantity: '2' });
    await send(token, '/orders/sell', { asset: symbol, quantity: '2' });
    const read = await api.request<PortfolioBody>('GET', '/portfolio', { token });
    expect(read.json).toMatchObject({ cash: '50.00', assets: [], total: '50.00' });

    const stranger = await api.tokenFor(newUserId('portfolio-stranger'));
    expect((await api.request<PortfolioBody>('GET', '/portfolio', { token: stranger })).json).toMatchObject({
      cash: '0.00',
      assets: [],
      total: '0.00',
    });
  });

  it('refuses a query parameter or a body with 400, and a missing token with 401', async () => {
    const token = await api.tokenFor(newUserId('portfolio-bad'));
    const withQuery = await api.request<{ error: { code: string } }>('GET', '/portfolio?currency=EUR', {
      token,
    });
    expect(withQuery.status).toBe(400);
    expect(withQuery.json.error.code).toBe('VALIDATION_ERROR');
    expect((await api.request('GET', '/portfolio')).status).toBe(401);
  });
});
