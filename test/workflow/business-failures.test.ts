import { describe, expect, it } from 'vitest';
import { deposit } from '../../common/cash/cash-operations';
import { parseCashAmount } from '../../common/money/amounts';
import { accountOf, eventsOf, fundedUser, lockIsFree, ordersOf, pathOf, placeOrder } from './order-harness';

const refusedAtReserve = [
  'ExecutionStarted',
  'StateEntered Reserve',
  'StateFailed Reserve',
  'StateCaught Reserve',
  'StateExited Reserve',
  'StateEntered Rollback',
  'StateExited Rollback',
  'StateEntered Failed',
  'StateFailed Failed',
  'ExecutionFailed',
];

describe('insufficient funds or asset', () => {
  it('a buy over the available cash is 422 INSUFFICIENT_FUNDS naming both figures, with a FAILED order', async () => {
    const userId = await fundedUser('50.00');
    const before = await accountOf(userId);

    const call = await placeOrder(userId, 'buy', { asset: 'ETH', quantity: '0.02666667' });

    expect(call.status).toBe(422);
    expect(call.body).toEqual({
      error: {
        code: 'INSUFFICIENT_FUNDS',
        message: 'Insufficient funds: available 50.00 USD, required 80.01 USD',
        requestId: expect.any(String),
      },
      order: {
        orderId: expect.any(String),
        side: 'BUY',
        asset: 'ETH',
        quantity: '0.02666667',
        price: '3000.00',
        total: '80.01',
        status: 'FAILED',
        failureReason: 'INSUFFICIENT_FUNDS',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    });
    expect(await accountOf(userId)).toEqual(before);
    expect((await ordersOf(userId)).map((order) => order.status)).toEqual(['FAILED']);
    expect(await lockIsFree(userId)).toBe(true);
    expect(pathOf(await eventsOf(call))).toEqual(refusedAtReserve);
  });

  it('a sell of more than is held is 422 INSUFFICIENT_ASSET naming both figures, with a FAILED order', async () => {
    const userId = await fundedUser('100.00');
    expect((await placeOrder(userId, 'buy', { asset: 'SOL', quantity: '0.5' })).status).toBe(201);
    const before = await accountOf(userId);

    const call = await placeOrder(userId, 'sell', { asset: 'SOL', quantity: '0.50000001' });

    expect(call.status).toBe(422);
    expect(call.body).toMatchObject({
      error: {
        code: 'INSUFFICIENT_ASSET',
        message: 'Insufficient SOL: available 0.50000000 SOL, required 0.50000001 SOL',
      },
      order: { side: 'SELL', status: 'FAILED', failureReason: 'INSUFFICIENT_ASSET', total: '75.00' },
    });
    expect(await accountOf(userId)).toEqual(before);
    expect(await lockIsFree(userId)).toBe(true);
    expect(pathOf(await eventsOf(call))).toEqual(refusedAtReserve);
  });

  it('a keyed refusal is kept: the repeat gets the same 422 and FAILED order, even once funds arrived', async () => {
    const userId = await fundedUser('10.00');
    const first = await placeOrder(
      userId,
      'buy',
      { asset: 'SOL', quantity: '1' },
      { idempotencyKey: 'refused-1' },
    );
    expect(first.status).toBe(422);
    await deposit({ userId, amount: parseCashAmount('500.00'), requestId: 'more-funds' });

    const again = await placeOrder(
      userId,
      'buy',
      { asset: 'SOL', quantity: '1' },
      { idempotencyKey: 'refused-1' },
    );

    expect(again.status).toBe(422);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.runs).toHaveLength(0);
  });
});

describe('orders refused before they start', () => {
  it('an unlisted asset is 422 UNKNOWN_ASSET, and no order is created', async () => {
    const userId = await fundedUser('10.00');
    const call = await placeOrder(userId, 'buy', { asset: 'NOPE', quantity: '1' });
    expect(call.status).toBe(422);
    expect(call.body).toMatchObject({ error: { code: 'UNKNOWN_ASSET' } });
    expect(await ordersOf(userId)).toEqual([]);
    expect(await lockIsFree(userId)).toBe(true);
  });

  it('a keyed UNKNOWN_ASSET is kept and replayed', async () => {
    const userId = await fundedUser('10.00');
    const first = await placeOrder(
      userId,
      'sell',
      { asset: 'NOPE', quantity: '1' },
      { idempotencyKey: 'unknown-1' },
    );
    const again = await placeOrder(
      userId,
      'sell',
      { asset: 'NOPE', quantity: '1' },
      { idempotencyKey: 'unknown-1' },
    );
    expect(first.status).toBe(422);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await lockIsFree(userId)).toBe(true);
  });

  it('cash itself is not tradable, even under its own symbol', async () => {
    const userId = await fundedUser('10.00');
    const call = await placeOrder(userId, 'buy', { asset: 'USD', quantity: '1' });
    expect(call.status).toBe(422);
    expect(call.body).toMatchObject({ error: { code: 'UNKNOWN_ASSET' } });
  });

  it.each([
    ['an exact value below a cent, though the rounded-up total would be 0.01', 'BTC', '0.00000001'],
    ['0.00006666 SOL at 150.00, worth 0.009999', 'SOL', '0.00006666'],
  ])('%s is 400 VALIDATION_ERROR', async (_, asset, quantity) => {
    const userId = await fundedUser('10.00');
    const call = await placeOrder(userId, 'buy', { asset, quantity });
    expect(call.status).toBe(400);
    expect(call.body).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(await ordersOf(userId)).toEqual([]);
    expect(await lockIsFree(userId)).toBe(true);
  });

  it('0.00006667 SOL at 150.00, worth 0.0100005, is accepted and pays 0.02', async () => {
    const userId = await fundedUser('10.00');
    const call = await placeOrder(userId, 'buy', { asset: 'SOL', quantity: '0.00006667' });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ order: { total: '0.02', status: 'COMPLETED' } });
  });

  it.each([
    ['a lower-case symbol', { asset: 'btc', quantity: '1' }],
    ['nine decimal places', { asset: 'BTC', quantity: '0.000000001' }],
    ['a negative quantity', { asset: 'BTC', quantity: '-1' }],
    ['an unknown field', { asset: 'BTC', quantity: '1', price: '1' }],
  ])('%s is 400 VALIDATION_ERROR before the lock is taken', async (_, body) => {
    const userId = await fundedUser('10.00');
    const call = await placeOrder(userId, 'buy', body);
    expect(call.status).toBe(400);
    expect(call.body).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
});
