import { beforeEach, describe, expect, it } from 'vitest';
import { credit, holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { deposit } from '../../common/cash/cash-operations';
import { LeaseLostError } from '../../common/errors';
import { fingerprintOf } from '../../common/idempotency/idempotency-record';
import { acquireUserLock } from '../../common/lease/user-lock';
import { writeUnderLease } from '../../common/lease/write-under-lease';
import { CASH } from '../../common/money/amounts';
import { countDynamoDbRequests } from '../../common/storage/request-counter';
import { type TransferCommand, transferMoney } from '../../common/transfers/transfer-money';
import { newUserId } from '../support/ids';
import { expireLock } from '../support/lease-clock';
import { expectLedgerConsistent, ledgerOf } from '../support/ledger';
import { pauseBeforeFencedWrite } from '../support/pause-before-write';
import { withRetryOnLocked } from '../support/retry-on-locked';

const counter = countDynamoDbRequests();

async function fundedUser(cents: bigint, label = 'user'): Promise<string> {
  const userId = newUserId(label);
  await deposit({ userId, amount: cents, requestId: 'funding' });
  return userId;
}

const cashOf = async (userId: string) => holdingOf(await readBalance(userId), CASH);

const transfer = (command: Omit<TransferCommand, 'requestId'>) =>
  transferMoney({ requestId: 'r', ...command });

describe('a transfer', () => {
  it('moves the amount in one step: both balances, and one entry on each side with the transfer id', async () => {
    const payer = await fundedUser(10_000n, 'payer');
    const payee = await fundedUser(100n, 'payee');
    const done = await transfer({ userId: payer, to: payee, amount: 2_550n, memo: 'job 42' });

    expect(done.outcome).toMatchObject({
      status: 'completed',
      result: {
        transfer: { from: payer, to: payee, amount: '25.50', memo: 'job 42' },
        balance: { cash: { available: '74.50', held: '0.00' } },
      },
    });
    expect(await cashOf(payer)).toEqual({ available: 7_450n, held: 0n });
    expect(await cashOf(payee)).toEqual({ available: 2_650n, held: 0n });
    const transferId =
      (done.outcome.status === 'completed' &&
        (done.outcome.result.transfer as { transferId: string }).transferId) ||
      '';
    const [, out] = await ledgerOf(payer);
    const [, into] = await ledgerOf(payee);
    expect(out).toMatchObject({
      type: 'TRANSFER_OUT',
      amount: -2_550n,
      transferId,
      counterparty: payee,
      memo: 'job 42',
    });
    expect(into).toMatchObject({
      type: 'TRANSFER_IN',
      amount: 2_550n,
      transferId,
      counterparty: payer,
      memo: 'job 42',
    });
    expect(await expectLedgerConsistent(payer, CASH)).toBe(7_450n);
    expect(await expectLedgerConsistent(payee, CASH)).toBe(2_650n);
  });

  it.each([
    ['SAME_ACCOUNT', 'self', 100n],
    ['UNKNOWN_PAYEE', 'stranger', 100n],
    ['INSUFFICIENT_FUNDS', 'payee', 10_001n],
  ] as const)(
    'is refused with %s, recorded for its key, and changes no balance',
    async (code, to, amount) => {
      const payer = await fundedUser(10_000n, 'payer');
      const payee = to === 'self' ? payer : to === 'stranger' ? newUserId('stranger') : await fundedUser(1n);
      const idempotency = { key: `k-${code}`, fingerprint: fingerprintOf('POST /transfers', { to: payee }) };
      const refused = await transfer({ userId: payer, to: payee, amount, idempotency });
      expect(refused.outcome).toMatchObject({ status: 'rejected', code });
      if (code === 'INSUFFICIENT_FUNDS') {
        expect(refused.outcome).toMatchObject({
          message: expect.stringContaining('available 100.00 USD, required 100.01 USD'),
        });
      }
      const replay = await transfer({ userId: payer, to: payee, amount, idempotency });
      expect(replay).toEqual({ outcome: refused.outcome, replayed: true });
      expect(await cashOf(payer)).toEqual({ available: 10_000n, held: 0n });
      expect(await ledgerOf(payer)).toHaveLength(1);
      if (to === 'stranger') expect(await readBalance(payee)).toMatchObject({ version: 0 });
      // The refusal released both locks in its own transaction, a stranger's included.
      await acquireUserLock(payer, 'deposit', { waitBudgetMs: 0 });
      if (payee !== payer) await acquireUserLock(payee, 'deposit', { waitBudgetMs: 0 });
    },
  );

  it('with the same idempotency key takes effect once and replays the first answer', async () => {
    const payer = await fundedUser(10_000n);
    const payee = await fundedUser(1n);
    const idempotency = {
      key: 'pay-once',
      fingerprint: fingerprintOf('POST /transfers', { to: payee, amount: '10.00' }),
    };
    const first = await transfer({ userId: payer, to: payee, amount: 1_000n, idempotency });
    const again = await transfer({ userId: payer, to: payee, amount: 1_000n, idempotency });
    expect(again).toEqual({ outcome: first.outcome, replayed: true });
    expect((await cashOf(payee)).available).toBe(1_001n);
    expect((await cashOf(payer)).available).toBe(9_000n);
  });
});

describe('round trips of a transfer, uncontended', () => {
  let payer: string;
  let payee: string;
  beforeEach(async () => {
    payer = await fundedUser(100_000n);
    payee = await fundedUser(1n);
    counter.reset();
  });

  it('are two in sequence: both locks taken at once, then one transaction fenced on both', async () => {
    const done = await transfer({ userId: payer, to: payee, amount: 1_000n });
    expect(done.outcome.status).toBe('completed');
    expect(Object.fromEntries(counter.counts)).toEqual({ UpdateItem: 2, TransactWriteItems: 1 });
    expect(counter.sequential()).toBe(2);
  });

  it('are two for a refusal as well, with an idempotency key', async () => {
    const idempotency = { key: 'k', fingerprint: fingerprintOf('POST /transfers', {}) };
    const refused = await transfer({ userId: payer, to: payee, amount: 10_000_000n, idempotency });
    expect(refused.outcome.status).toBe('rejected');
    expect(counter.sequential()).toBe(2);
    expect(counter.total()).toBe(3);
  });
});

describe('transfers under concurrency', () => {
  it('two users paying each other many times at once: no deadlock, no failure, both exact', async () => {
    const alice = await fundedUser(100_000n, 'alice');
    const bob = await fundedUser(100_000n, 'bob');
    const rounds = 20;
    const answers = await Promise.all(
      Array.from({ length: rounds }, (_, i) => [
        withRetryOnLocked(() => transfer({ userId: alice, to: bob, amount: 100n + BigInt(i) })),
        withRetryOnLocked(() => transfer({ userId: bob, to: alice, amount: 200n + BigInt(i) })),
      ]).flat(),
    );
    expect(answers.map((answer) => answer.outcome.status)).toEqual(answers.map(() => 'completed'));
    // Alice pays Σ(100+i), Bob pays Σ(200+i): Alice gains 100 × rounds.
    expect(await expectLedgerConsistent(alice, CASH)).toBe(100_000n + 100n * BigInt(rounds));
    expect(await expectLedgerConsistent(bob, CASH)).toBe(100_000n - 100n * BigInt(rounds));
  });

  it('many payers paying one payee at once all land, and the payee ledger chain stays exact', async () => {
    const payee = await fundedUser(1n, 'merchant');
    const payers = await Promise.all(Array.from({ length: 20 }, () => fundedUser(10_000n, 'customer')));
    const answers = await Promise.all(
      payers.map((payer) => transfer({ userId: payer, to: payee, amount: 123n })),
    );
    expect(answers.map((answer) => answer.outcome.status)).toEqual(payers.map(() => 'completed'));
    expect(await expectLedgerConsistent(payee, CASH)).toBe(1n + 123n * 20n);
    expect((await ledgerOf(payee)).filter((entry) => entry.type === 'TRANSFER_IN')).toHaveLength(20);
  });

  it('waits for a payee whose own operation holds its lock: both land, the payment after it', async () => {
    const payer = await fundedUser(10_000n, 'payer');
    const payee = await fundedUser(1n, 'payee');
    const own = await payeeDepositHeld(payee);
    const paying = transfer({ userId: payer, to: payee, amount: 50n });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The payee's own write commits on the state it read: nothing was credited behind its lease.
    await own.resume(1_000n);
    expect((await paying).outcome.status).toBe('completed');
    expect(await cashOf(payee)).toEqual({ available: 1_051n, held: 0n });
    // The payment was computed on the state the payee's write left.
    expect((await ledgerOf(payee)).at(-1)).toMatchObject({ type: 'TRANSFER_IN', balanceAfter: 1_051n });
    expect(await expectLedgerConsistent(payer, CASH)).toBe(9_950n);
  });
});

/** The payee's own deposit, taken under its lease and held there: it credits `cents` when it resumes. */
async function payeeDepositHeld(payee: string) {
  const lease = await acquireUserLock(payee, 'deposit');
  const before = lease.snapshot ?? (await readBalance(payee));
  return {
    resume: (cents: bigint) =>
      writeUnderLease({
        lease,
        before,
        after: credit(before, CASH, cents),
        items: {},
        release: true,
        step: 'late',
      }),
  };
}

describe('a paused holder', () => {
  it.each(['payer', 'payee'] as const)(
    'of the %s’s lease inside the transfer commits nothing on either side once someone else took it',
    async (paused) => {
      const payer = await fundedUser(10_000n, 'payer');
      const payee = await fundedUser(1n, 'payee');
      const lost = paused === 'payer' ? payer : payee;
      pauseBeforeFencedWrite(lost, async () => {
        await expireLock(lost);
        await deposit({ userId: lost, amount: 100n, requestId: 'interloper' });
      });
      await expect(transfer({ userId: payer, to: payee, amount: 5_000n })).rejects.toBeInstanceOf(
        LeaseLostError,
      );
      const interloped = (userId: string) => (userId === lost ? 100n : 0n);
      expect(await cashOf(payer)).toEqual({ available: 10_000n + interloped(payer), held: 0n });
      expect(await cashOf(payee)).toEqual({ available: 1n + interloped(payee), held: 0n });
      expect((await ledgerOf(payer)).map((entry) => entry.type)).not.toContain('TRANSFER_OUT');
      expect((await ledgerOf(payee)).map((entry) => entry.type)).not.toContain('TRANSFER_IN');
      expect(await expectLedgerConsistent(payer, CASH)).toBe(10_000n + interloped(payer));
      // The lost transfer released the other lock on its way out.
      await acquireUserLock(paused === 'payer' ? payee : payer, 'deposit', { waitBudgetMs: 0 });
    },
  );

  it('of the payee’s lease commits nothing, while the transfer to that payee lands', async () => {
    const payer = await fundedUser(10_000n, 'payer');
    const payee = await fundedUser(1n, 'payee');
    const paused = await payeeDepositHeld(payee);
    await expireLock(payee);
    const done = await transfer({ userId: payer, to: payee, amount: 700n });
    expect(done.outcome.status).toBe('completed');
    await expect(paused.resume(1_000_000n)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await cashOf(payee)).toEqual({ available: 701n, held: 0n });
    expect(await expectLedgerConsistent(payee, CASH)).toBe(701n);
  });
});
