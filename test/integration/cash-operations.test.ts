import { describe, expect, it } from 'vitest';
import { holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { type CashCommand, deposit, withdraw } from '../../common/cash/cash-operations';
import { IdempotencyKeyReusedError } from '../../common/errors';
import { fingerprintOf } from '../../common/idempotency/idempotency-record';
import { CASH, parseCashAmount } from '../../common/money/amounts';
import { newUserId } from '../support/ids';
import { expectLedgerConsistent, ledgerOf } from '../support/ledger';
import { withRetryOnLocked } from '../support/retry-on-locked';

const cash = (text: string) => parseCashAmount(text);

describe('deposit and withdrawal', () => {
  it('are exact to the cent: 0.1 + 0.2 is 0.30, and ten deposits of 0.10 make 1.00 more', async () => {
    const userId = newUserId();
    await deposit({ userId, amount: cash('0.1'), requestId: 'r1' });
    const second = await deposit({ userId, amount: cash('0.2'), requestId: 'r2' });
    expect(second.outcome).toMatchObject({
      status: 'completed',
      result: {
        balance: { cash: { available: '0.30', held: '0.00' } },
        transaction: { amount: '0.20', balanceAfter: '0.30' },
      },
    });
    for (let i = 0; i < 10; i++) await deposit({ userId, amount: cash('0.10'), requestId: `r${i}` });
    expect(holdingOf(await readBalance(userId), CASH).available).toBe(130n);
    expect(await expectLedgerConsistent(userId, CASH)).toBe(130n);
  });

  it('refuses a withdrawal over the available balance, naming both figures, and changes nothing', async () => {
    const userId = newUserId();
    await deposit({ userId, amount: cash('50.00'), requestId: 'r1' });
    const refused = await withdraw({ userId, amount: cash('80.00'), requestId: 'r2' });
    expect(refused).toEqual({
      replayed: false,
      outcome: {
        status: 'rejected',
        code: 'INSUFFICIENT_FUNDS',
        message: 'Insufficient funds: available 50.00 USD, required 80.00 USD',
        requestId: 'r2',
      },
    });
    expect(await ledgerOf(userId)).toHaveLength(1);
    expect(holdingOf(await readBalance(userId), CASH).available).toBe(5_000n);
  });

  it('lets exactly three of twenty concurrent 30.00 withdrawals from 100.00 through', async () => {
    const userId = newUserId();
    await deposit({ userId, amount: cash('100.00'), requestId: 'fund' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withRetryOnLocked(() => withdraw({ userId, amount: cash('30.00'), requestId: `w${i}` })),
      ),
    );
    const statuses = results.map((result) => result.outcome.status);
    expect(statuses.filter((status) => status === 'completed')).toHaveLength(3);
    expect(statuses.filter((status) => status === 'rejected')).toHaveLength(17);
    expect(holdingOf(await readBalance(userId), CASH)).toEqual({ available: 1_000n, held: 0n });
    expect(await expectLedgerConsistent(userId, CASH)).toBe(1_000n);
  });

  it('lands every one of many concurrent deposits, and the sum is exact', async () => {
    const userId = newUserId();
    const amounts = Array.from(
      { length: 25 },
      (_, i) => `${i + 1}.${String((i * 7) % 100).padStart(2, '0')}`,
    );
    await Promise.all(
      amounts.map((amount, i) =>
        withRetryOnLocked(() => deposit({ userId, amount: cash(amount), requestId: `d${i}` })),
      ),
    );
    const expected = amounts.reduce((sum, amount) => sum + cash(amount), 0n);
    expect(holdingOf(await readBalance(userId), CASH).available).toBe(expected);
    expect(await expectLedgerConsistent(userId, CASH)).toBe(expected);
    expect(await ledgerOf(userId)).toHaveLength(25);
  });
});

describe('idempotency keys', () => {
  const keyed = (userId: string, key: string, amount: string): CashCommand => ({
    userId,
    amount: cash(amount),
    requestId: `req-${key}-${amount}`,
    idempotency: { key, fingerprint: fingerprintOf('POST /deposits', { amount }) },
  });

  it('apply a keyed deposit once and replay the first outcome to every repeat', async () => {
    const userId = newUserId();
    const first = await deposit(keyed(userId, 'k1', '10.00'));
    const again = await deposit(keyed(userId, 'k1', '10.00'));
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ outcome: first.outcome, replayed: true });
    expect(await ledgerOf(userId)).toHaveLength(1);
  });

  it('replay a stored rejection too, even after the balance would now allow it', async () => {
    const userId = newUserId();
    const command = { ...keyed(userId, 'w1', '5.00'), idempotency: { key: 'w1', fingerprint: 'withdraw-5' } };
    const refused = await withdraw(command);
    expect(refused.outcome).toMatchObject({ status: 'rejected', code: 'INSUFFICIENT_FUNDS' });
    await deposit({ userId, amount: cash('100.00'), requestId: 'fund' });
    expect(await withdraw(command)).toEqual({ outcome: refused.outcome, replayed: true });
    expect(holdingOf(await readBalance(userId), CASH).available).toBe(10_000n);
  });

  it('refuse the same key with another body, and change nothing', async () => {
    const userId = newUserId();
    await deposit(keyed(userId, 'k2', '10.00'));
    await expect(deposit(keyed(userId, 'k2', '20.00'))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(holdingOf(await readBalance(userId), CASH).available).toBe(1_000n);
  });

  it('apply ten concurrent repeats of one key exactly once', async () => {
    const userId = newUserId();
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, () => deposit(keyed(userId, 'k3', '7.00'))),
    );
    const answers = settled.map((result) =>
      result.status === 'fulfilled' ? 'outcome' : (result.reason as { code?: string }).code,
    );
    for (const answer of answers) expect(['outcome', 'IDEMPOTENCY_IN_PROGRESS', 'LOCKED']).toContain(answer);
    expect(holdingOf(await readBalance(userId), CASH).available).toBe(700n);
    expect(await ledgerOf(userId)).toHaveLength(1);
  });
});
