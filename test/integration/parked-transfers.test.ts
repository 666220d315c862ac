import { describe, expect, it } from 'vitest';
import { holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { deposit } from '../../common/cash/cash-operations';
import { IdempotencyInProgressError, LockedError } from '../../common/errors';
import { fingerprintOf } from '../../common/idempotency/idempotency-record';
import { listParkedRequests } from '../../common/lease/parked-requests';
import {
  acquireUserLock,
  type Lease,
  releaseUserLock,
  rememberContention,
} from '../../common/lease/user-lock';
import { CASH } from '../../common/money/amounts';
import type { Executed } from '../../common/outcomes/outcome';
import { applyParkedRequests } from '../../common/parking/apply-parked-requests';
import { countDynamoDbRequests } from '../../common/storage/request-counter';
import {
  PARK_AFTER_CONTENTIONS,
  type TransferCommand,
  transferMoney,
} from '../../common/transfers/transfer-money';
import { newUserId } from '../support/ids';
import { expireLock } from '../support/lease-clock';
import { expectLedgerConsistent, ledgerOf } from '../support/ledger';

const counter = countDynamoDbRequests();

async function fundedUser(cents: bigint, label: string): Promise<string> {
  const userId = newUserId(label);
  await deposit({ userId, amount: cents, requestId: 'funding' });
  return userId;
}

const cashOf = async (userId: string) => holdingOf(await readBalance(userId), CASH);
const keyed = (key: string) => ({ key, fingerprint: fingerprintOf('POST /transfers', { key }) });
const transfer = (command: Omit<TransferCommand, 'requestId'>) =>
  transferMoney({ requestId: 'r', ...command });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What this process knows of a payee whose lock it keeps finding busy. */
const markBusy = (userId: string): void => {
  for (let times = 0; times < PARK_AFTER_CONTENTIONS; times++) rememberContention(userId);
};

async function parkedCountReaches(payee: string, count: number): Promise<void> {
  for (let tries = 0; (await listParkedRequests(payee)).size < count; tries++) {
    if (tries > 200) throw new Error(`fewer than ${count} payments were ever parked at ${payee}`);
    await sleep(10);
  }
}

/** A merchant whose own operation holds its lock, known to this process as busy. */
async function busyPayee(label = 'merchant'): Promise<{ payee: string; held: Lease }> {
  const payee = await fundedUser(100n, label);
  const held = await acquireUserLock(payee, 'deposit');
  markBusy(payee);
  return { payee, held };
}

const transferIdOf = (answer: Executed): string =>
  answer.outcome.status === 'completed'
    ? String((answer.outcome.result.transfer as { transferId: string }).transferId)
    : '';

describe('payments to a busy payee (ADR 0014)', () => {
  it('are parked while its lock is held, then applied together: every balance exact, both chains unbroken', async () => {
    const { payee, held } = await busyPayee();
    const payers = await Promise.all(Array.from({ length: 10 }, () => fundedUser(10_000n, 'customer')));
    const paying = Promise.all(
      payers.map((payer, index) =>
        transfer({
          userId: payer,
          to: payee,
          amount: 100n + BigInt(index),
          idempotency: keyed(`pay-${index}`),
        }),
      ),
    );
    await parkedCountReaches(payee, payers.length);
    // Nothing is applied behind the lease of the payee's own operation.
    expect(await cashOf(payee)).toEqual({ available: 100n, held: 0n });
    counter.reset();
    await releaseUserLock(held);
    const answers = await paying;

    expect(answers.map((answer) => [answer.outcome.status, answer.replayed])).toEqual(
      payers.map(() => ['completed', false]),
    );
    // One holder applied them all in fewer transactions than payments.
    expect(counter.counts.get('TransactWriteItems') ?? 0).toBeLessThan(payers.length);
    const total = payers.reduce((sum, _, index) => sum + 100n + BigInt(index), 0n);
    expect(await expectLedgerConsistent(payee, CASH)).toBe(100n + total);
    const credits = (await ledgerOf(payee)).filter((entry) => entry.type === 'TRANSFER_IN');
    expect(credits.map((entry) => entry.transferId).sort()).toEqual(answers.map(transferIdOf).sort());
    for (const [index, payer] of payers.entries()) {
      expect(await expectLedgerConsistent(payer, CASH)).toBe(10_000n - 100n - BigInt(index));
      // The holder released each payer's lock in the applying transaction.
      await releaseUserLock(await acquireUserLock(payer, 'deposit', { waitBudgetMs: 0 }));
    }
    expect((await listParkedRequests(payee)).size).toBe(0);
  });

  it('record a refusal in the batch for its key, and the rest of the batch lands', async () => {
    const { payee, held } = await busyPayee();
    const rich = await fundedUser(10_000n, 'rich');
    const poor = await fundedUser(50n, 'poor');
    const paying = Promise.all([
      transfer({ userId: rich, to: payee, amount: 1_000n, idempotency: keyed('rich') }),
      transfer({ userId: poor, to: payee, amount: 100n, idempotency: keyed('poor') }),
    ]);
    await parkedCountReaches(payee, 2);
    await releaseUserLock(held);
    const [paid, refused] = await paying;

    expect(paid.outcome.status).toBe('completed');
    expect(refused.outcome).toMatchObject({ status: 'rejected', code: 'INSUFFICIENT_FUNDS' });
    expect(await transfer({ userId: poor, to: payee, amount: 100n, idempotency: keyed('poor') })).toEqual({
      outcome: refused.outcome,
      replayed: true,
    });
    expect(await expectLedgerConsistent(payee, CASH)).toBe(1_100n);
    expect(await cashOf(poor)).toEqual({ available: 50n, held: 0n });
    expect(await ledgerOf(poor)).toHaveLength(1);
  });

  it('land once when sent twice with one key: the second is in progress while the first is parked, then replays', async () => {
    const { payee, held } = await busyPayee();
    const payer = await fundedUser(10_000n, 'payer');
    const first = transfer({ userId: payer, to: payee, amount: 700n, idempotency: keyed('once') });
    await parkedCountReaches(payee, 1);
    await expect(
      transfer({ userId: payer, to: payee, amount: 700n, idempotency: keyed('once') }),
    ).rejects.toBeInstanceOf(IdempotencyInProgressError);
    await releaseUserLock(held);
    const done = await first;
    expect(done.outcome.status).toBe('completed');
    expect(await transfer({ userId: payer, to: payee, amount: 700n, idempotency: keyed('once') })).toEqual({
      outcome: done.outcome,
      replayed: true,
    });
    expect(await expectLedgerConsistent(payee, CASH)).toBe(800n);
    expect(await expectLedgerConsistent(payer, CASH)).toBe(9_300n);
  });

  it('are applied by a poster taking over a lock whose queue has only withdrawn tickets left', async () => {
    const { payee, held } = await busyPayee();
    // A waiter queues for the payee's lock and gives up: its ticket is withdrawn, never served.
    await expect(acquireUserLock(payee, 'deposit', { waitBudgetMs: 100 })).rejects.toBeInstanceOf(
      LockedError,
    );
    const payer = await fundedUser(10_000n, 'payer');
    const paying = transfer({
      userId: payer,
      to: payee,
      amount: 300n,
      idempotency: keyed('after-withdrawn'),
    });
    await parkedCountReaches(payee, 1);
    await releaseUserLock(held);
    expect((await paying).outcome.status).toBe('completed');
    expect(await expectLedgerConsistent(payee, CASH)).toBe(400n);
  });

  it('between two busy users paying each other: the greater id steps back at once, and the other lands', async () => {
    const alice = await fundedUser(10_000n, 'alice');
    const bob = await fundedUser(10_000n, 'bob');
    markBusy(alice);
    markBusy(bob);
    const [low, high] = alice < bob ? [alice, bob] : [bob, alice];
    // Each takes its own lock, parks at the other's and finds it held by a poster waiting for its own.
    const first = await Promise.allSettled([
      transfer({ userId: low, to: high, amount: 100n, idempotency: keyed('low') }),
      transfer({ userId: high, to: low, amount: 200n, idempotency: keyed('high') }),
    ]);
    expect(first[0]).toMatchObject({ status: 'fulfilled', value: { outcome: { status: 'completed' } } });
    if (first[1].status === 'rejected') expect(first[1].reason).toBeInstanceOf(LockedError);
    const again = await transfer({ userId: high, to: low, amount: 200n, idempotency: keyed('high') });
    expect(again.outcome.status).toBe('completed');
    expect(await expectLedgerConsistent(low, CASH)).toBe(10_100n);
    expect(await expectLedgerConsistent(high, CASH)).toBe(9_900n);
  });

  it('work without an idempotency key too', async () => {
    const { payee, held } = await busyPayee();
    const payer = await fundedUser(10_000n, 'payer');
    const paying = transfer({ userId: payer, to: payee, amount: 250n });
    await parkedCountReaches(payee, 1);
    await releaseUserLock(held);
    expect((await paying).outcome.status).toBe('completed');
    expect(await expectLedgerConsistent(payee, CASH)).toBe(350n);
  });

  it('are applied by no holder whose lease on the payee is lost; the next holder applies them', async () => {
    const payee = await fundedUser(100n, 'merchant');
    const paused = await acquireUserLock(payee, 'transfer');
    markBusy(payee);
    const payers = await Promise.all(Array.from({ length: 3 }, () => fundedUser(10_000n, 'customer')));
    const paying = Promise.all(payers.map((payer) => transfer({ userId: payer, to: payee, amount: 500n })));
    await parkedCountReaches(payee, payers.length);
    const parked = await listParkedRequests(payee);
    // The holder pauses past its lease, and another operation takes the payee's lock meanwhile.
    await expireLock(payee);
    const next = await acquireUserLock(payee, 'deposit', { waitBudgetMs: 0 });
    await applyParkedRequests(paused, parked);

    expect(await cashOf(payee)).toEqual({ available: 100n, held: 0n });
    expect((await listParkedRequests(payee)).size).toBe(payers.length);
    for (const payer of payers) expect(await cashOf(payer)).toEqual({ available: 10_000n, held: 0n });
    await releaseUserLock(next);
    const answers = await paying;
    expect(answers.map((answer) => answer.outcome.status)).toEqual(payers.map(() => 'completed'));
    expect(await expectLedgerConsistent(payee, CASH)).toBe(1_600n);
  });

  it('are taken back when the wait runs out: LOCKED, and nothing moves', async () => {
    const { payee, held } = await busyPayee();
    const payer = await fundedUser(10_000n, 'payer');
    await expect(
      transfer({ userId: payer, to: payee, amount: 100n, idempotency: keyed('late') }),
    ).rejects.toBeInstanceOf(LockedError);
    expect((await listParkedRequests(payee)).size).toBe(0);
    await releaseUserLock(held);
    expect(await cashOf(payee)).toEqual({ available: 100n, held: 0n });
    expect(await ledgerOf(payer)).toHaveLength(1);
    // The poster let its own lock go.
    await releaseUserLock(await acquireUserLock(payer, 'deposit', { waitBudgetMs: 0 }));
  });

  it('step back for a request that queues for the payer’s own lock, which then goes ahead', async () => {
    const { payee, held } = await busyPayee();
    const payer = await fundedUser(10_000n, 'payer');
    const paying = transfer({ userId: payer, to: payee, amount: 100n, idempotency: keyed('yield') });
    await parkedCountReaches(payee, 1);
    const own = deposit({ userId: payer, amount: 1_000n, requestId: 'own' });
    await expect(paying).rejects.toBeInstanceOf(LockedError);
    expect((await own).outcome.status).toBe('completed');
    await releaseUserLock(held);
    expect(await expectLedgerConsistent(payer, CASH)).toBe(11_000n);
    expect(await cashOf(payee)).toEqual({ available: 100n, held: 0n });
  });
});
