import { describe, expect, it } from 'vitest';
import { holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { parseCashAmount } from '../../common/money/amounts';
import { transferMoney } from '../../common/transfers/transfer-money';
import { expectLedgerConsistent, ledgerOf } from '../support/ledger';
import { eventsOf, fundedUser, lockIsFree, ordersOf, pathOf, placeOrder } from './order-harness';

const pay = async (from: string, to: string, amount: string) => {
  const done = await transferMoney({ userId: from, to, amount: parseCashAmount(amount), requestId: 'pay' });
  expect(done.outcome.status).toBe('completed');
};

describe('transfers to a user whose own orders are running', () => {
  it.each(['Reserve', 'Commit'] as const)(
    'wait for the order that holds the payee’s lock (sent before %s): both land, the chain holds',
    async (step) => {
      const merchant = await fundedUser('1000.00');
      const customer = await fundedUser('1000.00');
      let paying: Promise<void> | undefined;
      const call = await placeOrder(
        merchant,
        'buy',
        { asset: 'BTC', quantity: '0.001' },
        {
          run: {
            taskOverrides: {
              [step]: async (input, runTask) => {
                paying = pay(customer, merchant, '10.00');
                return runTask(input);
              },
            },
          },
        },
      );
      expect(call.status).toBe(201);
      expect(pathOf(await eventsOf(call))).not.toContain('StateEntered Rollback');
      await paying;
      expect(holdingOf(await readBalance(merchant), 'USD').held).toBe(0n);
      const total = parseCashAmount(String((call.body.order as { total: string }).total));
      expect(await expectLedgerConsistent(merchant, 'USD')).toBe(100_000n + 1_000n - total);
      expect(await expectLedgerConsistent(merchant, 'BTC')).toBe(100_000n);
      // The payment waited for the order's lease: it is the merchant's last entry, not one in between.
      expect((await ledgerOf(merchant)).at(-1)?.type).toBe('TRANSFER_IN');
      expect(await lockIsFree(merchant)).toBe(true);
    },
  );

  it('keep the payee’s ledger chain unbroken while its buys run one after another', async () => {
    const merchant = await fundedUser('1000.00');
    const customers = await Promise.all(Array.from({ length: 8 }, () => fundedUser('100.00')));
    const buys = (async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await placeOrder(merchant, 'buy', { asset: 'BTC', quantity: '0.0001' })).status);
      }
      return statuses;
    })();
    await Promise.all(
      customers.flatMap((customer) => [pay(customer, merchant, '1.00'), pay(customer, merchant, '2.00')]),
    );
    expect(await buys).toEqual([201, 201, 201, 201, 201]);
    const orders = await ordersOf(merchant);
    expect(orders.map((order) => order.status)).toEqual(orders.map(() => 'COMPLETED'));
    const spent = orders.reduce((sum, order) => sum + order.total, 0n);
    expect(await expectLedgerConsistent(merchant, 'USD')).toBe(100_000n + 8n * 300n - spent);
    expect(holdingOf(await readBalance(merchant), 'USD').held).toBe(0n);
  });
});
