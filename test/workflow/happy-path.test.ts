import { describe, expect, it } from 'vitest';
import { holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { expectLedgerConsistent } from '../support/ledger';
import { accountOf, eventsOf, fundedUser, lockIsFree, ordersOf, pathOf, placeOrder } from './order-harness';

describe('a buy, then a sell, through the synthesized state machine', () => {
  it('moves cash and asset exactly, rounds the buy up and the sell down, and leaves nothing held', async () => {
    const userId = await fundedUser('1000.00');

    // 0.00333333 BTC × 50000.00 = 166.6665 USD: the buyer pays 166.67, the seller gets 166.66.
    const bought = await placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.00333333' });
    expect(bought.status).toBe(201);
    expect(bought.body).toEqual({
      order: {
        orderId: expect.any(String),
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
    expect(pathOf(await eventsOf(bought))).toEqual([
      'ExecutionStarted',
      'StateEntered Reserve',
      'StateExited Reserve',
      'StateEntered Commit',
      'StateExited Commit',
      'StateEntered Completed',
      'StateExited Completed',
      'ExecutionSucceeded',
    ]);

    const sold = await placeOrder(userId, 'sell', { asset: 'BTC', quantity: '0.00333333' });
    expect(sold.status).toBe(201);
    expect(sold.body).toMatchObject({
      order: {
        side: 'SELL',
        type: 'MARKET',
        quantity: '0.00333333',
        price: '50000.00',
        total: '166.66',
        status: 'COMPLETED',
      },
      balance: {
        cash: { available: '999.99', held: '0.00' },
        assets: { BTC: { available: '0.00000000', held: '0.00000000' } },
      },
    });

    const balance = await readBalance(userId);
    expect(holdingOf(balance, 'USD')).toEqual({ available: 99_999n, held: 0n });
    expect(holdingOf(balance, 'BTC')).toEqual({ available: 0n, held: 0n });
    const { ledger } = await accountOf(userId);
    const buyId = (bought.body.order as { orderId: string }).orderId;
    const sellId = (sold.body.order as { orderId: string }).orderId;
    expect(
      ledger.map(({ type, asset, amount, balanceAfter, orderId }) => ({
        type,
        asset,
        amount,
        balanceAfter,
        orderId,
      })),
    ).toEqual([
      { type: 'DEPOSIT', asset: 'USD', amount: 100_000n, balanceAfter: 100_000n, orderId: undefined },
      { type: 'BUY', asset: 'USD', amount: -16_667n, balanceAfter: 83_333n, orderId: buyId },
      { type: 'BUY', asset: 'BTC', amount: 333_333n, balanceAfter: 333_333n, orderId: buyId },
      { type: 'SELL', asset: 'BTC', amount: -333_333n, balanceAfter: 0n, orderId: sellId },
      { type: 'SELL', asset: 'USD', amount: 16_666n, balanceAfter: 99_999n, orderId: sellId },
    ]);
    expect(await expectLedgerConsistent(userId, 'USD')).toBe(99_999n);
    expect(await expectLedgerConsistent(userId, 'BTC')).toBe(0n);
    expect((await ordersOf(userId)).map((order) => [order.side, order.status, order.total])).toEqual([
      ['BUY', 'COMPLETED', 16_667n],
      ['SELL', 'COMPLETED', 16_666n],
    ]);
    expect(await lockIsFree(userId)).toBe(true);
  });
});
