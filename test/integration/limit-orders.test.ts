import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireUserLock, releaseUserLock } from '../../common/lease/user-lock';
import { fillSatisfiedOrders } from '../../common/limit-orders/fill-open-orders';
import { reapEverything } from '../../common/reaper/reap-everything';
import { orderWorkflowExtension, priceChangeFillExtension } from '../../local/order-flow-extensions';
import { depositPastDailyLimits } from '../support/daily-limits';
import { newAssetSymbol, newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

interface OrderBody {
  orderId: string;
  side: string;
  type: string;
  status: string;
  price: string;
  total: string;
  quantity: string;
  limitPrice?: string;
  expiresAt?: string;
  createdAt: string;
  updatedAt: string;
}
interface Holding {
  available: string;
  held: string;
}
interface BalanceBody {
  cash: Holding;
  assets: Record<string, Holding>;
}
interface OrderAnswer {
  order: OrderBody;
  balance: BalanceBody;
}

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.tokenFor('ops', { admin: true });
});
afterAll(async () => {
  await api.stop();
});

async function listing(price: string, on: TestApi = api): Promise<string> {
  const asset = newAssetSymbol('L');
  await setPrice(asset, price, on);
  return asset;
}

async function setPrice(asset: string, price: string, on: TestApi = api): Promise<void> {
  const response = await on.request('PUT', `/assets/${asset}`, { token: admin, body: { price } });
  expect(response.status).toBe(200);
}

async function fundedToken(cash: string, on: TestApi = api): Promise<string> {
  const userId = newUserId('limit');
  const token = await on.tokenFor(userId);
  await depositPastDailyLimits(on, userId, token, cash);
  return token;
}

/** A user holding `quantity` of `asset`, bought at its listed price, with `cash` left over. */
async function holderOf(asset: string, quantity: string, on: TestApi = api): Promise<string> {
  const token = await fundedToken('100000.00', on);
  const bought = await on.request('POST', '/orders/buy', { token, body: { asset, quantity } });
  expect(bought.status).toBe(201);
  return token;
}

const limit = (token: string, side: 'buy' | 'sell', body: Record<string, unknown>, headers = {}, on = api) =>
  on.request<OrderAnswer>('POST', `/orders/${side}`, { token, body: { type: 'LIMIT', ...body }, headers });

const balanceOf = async (token: string, on = api) =>
  (await on.request<BalanceBody>('GET', '/balance', { token })).json;

const orderOf = async (token: string, orderId: string, on = api) =>
  (await on.request<OrderBody>('GET', `/orders/${orderId}`, { token })).json;

/** Fills run after the price change's answer; waits until the order left OPEN (or gives up). */
async function settled(token: string, orderId: string, on = api): Promise<OrderBody> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const order = await orderOf(token, orderId, on);
    if (order.status !== 'OPEN') return order;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return orderOf(token, orderId, on);
}

describe('a limit order whose price is already met', () => {
  it('BUY fills at once at the listed price, below its limit', async () => {
    const asset = await listing('100.00');
    const token = await fundedToken('1000.00');
    const placed = await limit(token, 'buy', { asset, quantity: '2', limitPrice: '120.00' });
    expect(placed.status).toBe(201);
    expect(placed.json.order).toMatchObject({
      type: 'LIMIT',
      status: 'COMPLETED',
      price: '100.00',
      total: '200.00',
      limitPrice: '120.00',
    });
    expect(placed.json.balance.cash).toEqual({ available: '800.00', held: '0.00' });
    expect(placed.json.balance.assets[asset]).toEqual({ available: '2.00000000', held: '0.00000000' });
    expect(await balanceOf(token)).toEqual(placed.json.balance);
  });

  it('SELL fills at once at the listed price, above its limit', async () => {
    const asset = await listing('100.00');
    const token = await holderOf(asset, '3');
    const placed = await limit(token, 'sell', { asset, quantity: '3', limitPrice: '90.00' });
    expect(placed.json.order).toMatchObject({ status: 'COMPLETED', price: '100.00', total: '300.00' });
    expect(placed.json.balance.assets[asset]).toEqual({ available: '0.00000000', held: '0.00000000' });
  });
});

describe('a resting limit order', () => {
  it('BUY rests OPEN with quantity × limit (rounded up) held, and fills at a lower new price', async () => {
    const asset = await listing('100.00');
    const token = await fundedToken('1000.00');
    const placed = await limit(token, 'buy', { asset, quantity: '0.33333333', limitPrice: '90.00' });
    expect(placed.status).toBe(201);
    expect(placed.json.order).toMatchObject({ status: 'OPEN', limitPrice: '90.00', total: '30.00' });
    // 0.33333333 × 90.00 = 29.9999997, held rounded up to the cent.
    expect(placed.json.balance.cash).toEqual({ available: '970.00', held: '30.00' });
    const open = await api.request<{ items: OrderBody[] }>('GET', '/orders?status=OPEN', { token });
    expect(open.json.items.map((order) => order.orderId)).toEqual([placed.json.order.orderId]);

    await setPrice(asset, '95.00');
    expect((await orderOf(token, placed.json.order.orderId)).status).toBe('OPEN');
    await setPrice(asset, '80.00');
    const filled = await settled(token, placed.json.order.orderId);
    // Filled at the new price, never the limit: 0.33333333 × 80.00 = 26.6666664, paid rounded up.
    expect(filled).toMatchObject({ status: 'COMPLETED', price: '80.00', total: '26.67' });
    const balance = await balanceOf(token);
    expect(balance.cash).toEqual({ available: '973.33', held: '0.00' });
    expect(balance.assets[asset]).toEqual({ available: '0.33333333', held: '0.00000000' });
    const ledger = await api.request<{ items: { type: string; amount: string }[] }>('GET', '/transactions', {
      token,
    });
    expect(ledger.json.items.slice(0, 2).map((entry) => entry.amount)).toEqual(['0.33333333', '-26.67']);
    expect(
      (await api.request<{ items: OrderBody[] }>('GET', '/orders?status=OPEN', { token })).json.items,
    ).toEqual([]);
  });

  it('SELL rests with the quantity held and fills at a higher new price, proceeds rounded down', async () => {
    const asset = await listing('100.00');
    const token = await holderOf(asset, '0.5');
    const cashBefore = (await balanceOf(token)).cash.available;
    const placed = await limit(token, 'sell', { asset, quantity: '0.5', limitPrice: '110.00' });
    expect(placed.json.order.status).toBe('OPEN');
    expect(placed.json.balance.assets[asset]).toEqual({ available: '0.00000000', held: '0.50000000' });
    await setPrice(asset, '110.01');
    const filled = await settled(token, placed.json.order.orderId);
    expect(filled).toMatchObject({ status: 'COMPLETED', price: '110.01', total: '55.00' });
    const balance = await balanceOf(token);
    expect(balance.assets[asset]).toEqual({ available: '0.00000000', held: '0.00000000' });
    expect(Number(balance.cash.available) * 100 - Number(cashBefore) * 100).toBeCloseTo(5500, 6);
    expect(balance.cash.held).toBe('0.00');
  });

  it('fills an order whose user stays busy past one lock wait within the same pass, not on a later sweep', async () => {
    const asset = await listing('100.00');
    const userId = newUserId('limit');
    const token = await api.tokenFor(userId);
    await depositPastDailyLimits(api, userId, token, '1000.00');
    const placed = await limit(token, 'buy', { asset, quantity: '1', limitPrice: '90.00' });
    const busy = await acquireUserLock(userId, 'order');
    const released = new Promise((resolve) => setTimeout(resolve, 1_500)).then(() => releaseUserLock(busy));
    await setPrice(asset, '90.00');
    const report = await fillSatisfiedOrders(asset);
    await released;
    expect(report.busy).toBe(0);
    expect(report.filled + report.closed).toBe(1);
    expect(await settled(token, placed.json.order.orderId)).toMatchObject({
      status: 'COMPLETED',
      price: '90.00',
    });
  });

  it('fills the satisfied orders only, oldest first, and leaves the others OPEN', async () => {
    const asset = await listing('100.00');
    const token = await fundedToken('10000.00');
    const ids: string[] = [];
    for (const limitPrice of ['99.00', '98.00', '90.00']) {
      ids.push((await limit(token, 'buy', { asset, quantity: '1', limitPrice })).json.order.orderId);
    }
    await setPrice(asset, '98.00');
    const [first, second] = [await settled(token, ids[0] as string), await settled(token, ids[1] as string)];
    expect([first.status, second.status]).toEqual(['COMPLETED', 'COMPLETED']);
    expect(first.updatedAt <= second.updatedAt).toBe(true);
    expect((await orderOf(token, ids[2] as string)).status).toBe('OPEN');
    expect((await balanceOf(token)).cash).toEqual({ available: '9714.00', held: '90.00' });
  });
});

describe('cancelling', () => {
  it('releases the funds, answers a second cancel 409 ORDER_NOT_OPEN, and replays a keyed one', async () => {
    const asset = await listing('100.00');
    const token = await fundedToken('500.00');
    const placed = await limit(token, 'buy', { asset, quantity: '2', limitPrice: '50.00' });
    const path = `/orders/${placed.json.order.orderId}/cancel`;
    const headers = { 'idempotency-key': `cancel-${placed.json.order.orderId}` };
    const cancelled = await api.request<OrderAnswer>('POST', path, { token, headers });
    expect(cancelled.status).toBe(201);
    expect(cancelled.json.order.status).toBe('CANCELLED');
    expect(cancelled.json.balance.cash).toEqual({ available: '500.00', held: '0.00' });
    const replay = await api.request<OrderAnswer>('POST', path, { token, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(cancelled.json);
    const again = await api.request<{ error: { code: string } }>('POST', path, { token });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ORDER_NOT_OPEN');
    await setPrice(asset, '40.00');
    await fillSatisfiedOrders(asset);
    expect((await orderOf(token, placed.json.order.orderId)).status).toBe('CANCELLED');
    expect((await balanceOf(token)).cash).toEqual({ available: '500.00', held: '0.00' });
  });

  it('of another user’s order, or a completed one, changes nothing', async () => {
    const asset = await listing('100.00');
    const token = await fundedToken('500.00');
    const placed = await limit(token, 'buy', { asset, quantity: '1', limitPrice: '50.00' });
    const stranger = await fundedToken('1.00');
    const foreign = await api.request('POST', `/orders/${placed.json.order.orderId}/cancel`, {
      token: stranger,
    });
    expect(foreign.status).toBe(404);
    const market = await api.request<OrderAnswer>('POST', '/orders/buy', {
      token,
      body: { asset, quantity: '1' },
    });
    const completed = await api.request('POST', `/orders/${market.json.order.orderId}/cancel`, { token });
    expect(completed.status).toBe(409);
    expect((await orderOf(token, placed.json.order.orderId)).status).toBe('OPEN');
  });

  it('racing a fill: exactly one wins, and the balance is exact either way', async () => {
    const asset = await listing('100.00');
    const players = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const token = await fundedToken('1000.00');
        const placed = await limit(token, 'buy', { asset, quantity: '1', limitPrice: '90.00' });
        return { token, orderId: placed.json.order.orderId };
      }),
    );
    const [cancels] = await Promise.all([
      Promise.all(
        players.map(({ token, orderId }) => api.request('POST', `/orders/${orderId}/cancel`, { token })),
      ),
      setPrice(asset, '85.00'),
      fillSatisfiedOrders(asset),
    ]);
    const outcomes = { cancelled: 0, filled: 0 };
    for (const [index, { token, orderId }] of players.entries()) {
      const order = await settled(token, orderId);
      const cancel = cancels[index];
      const balance = await balanceOf(token);
      if (order.status === 'CANCELLED') {
        outcomes.cancelled++;
        expect(cancel?.status).toBe(201);
        expect(balance.cash).toEqual({ available: '1000.00', held: '0.00' });
        expect(balance.assets[asset]?.available ?? '0.00000000').toBe('0.00000000');
      } else {
        outcomes.filled++;
        expect(order).toMatchObject({ status: 'COMPLETED', total: '85.00' });
        expect(cancel?.status).toBe(409);
        expect(balance.cash).toEqual({ available: '915.00', held: '0.00' });
        expect(balance.assets[asset]).toEqual({ available: '1.00000000', held: '0.00000000' });
      }
    }
    expect(outcomes.cancelled + outcomes.filled).toBe(players.length);
  });
});

describe('expiry, with the reaper stopped', () => {
  let quiet: TestApi;
  beforeAll(async () => {
    quiet = await startTestApi({ extensions: [orderWorkflowExtension, priceChangeFillExtension] });
  });
  afterAll(async () => {
    await quiet.stop();
  });

  it('never fills after expiresAt, refuses a cancel, and the reaper then releases it as EXPIRED', async () => {
    const asset = await listing('100.00', quiet);
    const token = await fundedToken('100.00', quiet);
    const placed = await limit(
      token,
      'buy',
      { asset, quantity: '1', limitPrice: '60.00', expiresInSeconds: 1 },
      {},
      quiet,
    );
    expect(placed.json.order.status).toBe('OPEN');
    expect(Date.parse(placed.json.order.expiresAt ?? '') - Date.parse(placed.json.order.createdAt)).toBe(
      1000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await setPrice(asset, '50.00', quiet);
    const report = await fillSatisfiedOrders(asset);
    expect(report.filled).toBe(0);
    const late = await orderOf(token, placed.json.order.orderId, quiet);
    expect(late.status).toBe('OPEN');
    expect((await balanceOf(token, quiet)).cash).toEqual({ available: '40.00', held: '60.00' });
    const cancel = await quiet.request('POST', `/orders/${placed.json.order.orderId}/cancel`, { token });
    expect(cancel.status).toBe(409);

    await reapEverything();
    expect((await orderOf(token, placed.json.order.orderId, quiet)).status).toBe('EXPIRED');
    expect((await balanceOf(token, quiet)).cash).toEqual({ available: '100.00', held: '0.00' });
    const expired = await quiet.request<{ items: OrderBody[] }>('GET', '/orders?status=EXPIRED', { token });
    expect(expired.json.items.map((order) => order.orderId)).toEqual([placed.json.order.orderId]);
  });

  it('defaults to 30 days', async () => {
    const asset = await listing('100.00', quiet);
    const token = await fundedToken('100.00', quiet);
    const placed = await limit(token, 'buy', { asset, quantity: '1', limitPrice: '60.00' }, {}, quiet);
    const days =
      (Date.parse(placed.json.order.expiresAt ?? '') - Date.parse(placed.json.order.createdAt)) / 86_400_000;
    expect(days).toBe(30);
  });
});

describe('replays and bad input', () => {
  it('a keyed limit order repeated replays the first answer and rests once', async () => {
    const asset = await listing('100.00');
    const token = await fundedToken('100.00');
    const headers = { 'idempotency-key': `limit-${asset}` };
    const body = { asset, quantity: '1', limitPrice: '50.00' };
    const first = await limit(token, 'buy', body, headers);
    const second = await limit(token, 'buy', body, headers);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
    const open = await api.request<{ items: OrderBody[] }>('GET', '/orders?status=OPEN', { token });
    expect(open.json.items).toHaveLength(1);
    expect((await balanceOf(token)).cash).toEqual({ available: '50.00', held: '50.00' });
  });

  it('refuses 422 INSUFFICIENT_FUNDS for a limit total beyond the cash, and holds nothing', async () => {
    const asset = await listing('100.00');
    const token = await fundedToken('10.00');
    const refused = await limit(token, 'buy', { asset, quantity: '1', limitPrice: '50.00' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('INSUFFICIENT_FUNDS');
    expect((await balanceOf(token)).cash).toEqual({ available: '10.00', held: '0.00' });
  });

  it.each([
    [{ type: 'LIMIT', asset: 'BTC', quantity: '1' }, 'limitPrice'],
    [{ asset: 'BTC', quantity: '1', limitPrice: '10.00' }, 'limitPrice'],
    [{ type: 'MARKET', asset: 'BTC', quantity: '1', expiresInSeconds: 60 }, 'expiresInSeconds'],
    [{ type: 'STOP', asset: 'BTC', quantity: '1' }, 'type'],
    [{ type: 'LIMIT', asset: 'BTC', quantity: '1', limitPrice: '10.001' }, 'limitPrice'],
    [{ type: 'LIMIT', asset: 'BTC', quantity: '1', limitPrice: '-1' }, 'limitPrice'],
    [{ type: 'LIMIT', asset: 'BTC', quantity: '1', limitPrice: 10 }, 'limitPrice'],
    [
      { type: 'LIMIT', asset: 'BTC', quantity: '1', limitPrice: '10.00', expiresInSeconds: 0 },
      'expiresInSeconds',
    ],
    [
      { type: 'LIMIT', asset: 'BTC', quantity: '1', limitPrice: '10.00', expiresInSeconds: 2592001 },
      'expiresInSeconds',
    ],
    [
      { type: 'LIMIT', asset: 'BTC', quantity: '1', limitPrice: '10.00', expiresInSeconds: 1.5 },
      'expiresInSeconds',
    ],
    [
      { type: 'LIMIT', asset: 'BTC', quantity: '1', limitPrice: '10.00', expiresInSeconds: '60' },
      'expiresInSeconds',
    ],
    [{ type: 'LIMIT', asset: 'BTC', quantity: '0.00000001', limitPrice: '10.00' }, '0.01 USD'],
  ])('%j is 400 naming %s, and changes nothing', async (body, named) => {
    const token = await fundedToken('100.00');
    const refused = await api.request<{ error: { code: string; message: string } }>('POST', '/orders/buy', {
      token,
      body,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('VALIDATION_ERROR');
    expect(refused.json.error.message).toContain(named);
    expect((await balanceOf(token)).cash).toEqual({ available: '100.00', held: '0.00' });
    expect((await api.request<{ items: unknown[] }>('GET', '/orders', { token })).json.items).toEqual([]);
  });

  it('GET /orders?status= takes a known status only', async () => {
    const token = await fundedToken('1.00');
    const refused = await api.request('GET', '/orders?status=open', { token });
    expect(refused.status).toBe(400);
  });
});
