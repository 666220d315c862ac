import { describe, expect, it } from 'vitest';
import { holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { type CashCommand, deposit, withdraw } from '../../common/cash/cash-operations';
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
import { readOrder } from '../../common/orders/order-store';
import { type OrderCommand, placeOrder } from '../../common/orders/place-order';
import type { Executed } from '../../common/outcomes/outcome';
import { applyParkedRequests } from '../../common/parking/apply-parked-requests';
import { PARK_AFTER_CONTENTIONS } from '../../common/parking/park-after-contentions';
import { countDynamoDbRequests } from '../../common/storage/request-counter';
import { transferMoney } from '../../common/transfers/transfer-money';
import { newUserId } from '../support/ids';
import { expireLock } from '../support/lease-clock';
import { expectLedgerConsistent, ledgerOf } from '../support/ledger';

const counter = countDynamoDbRequests();

const BTC = 'BTC';
/** 0.001 BTC in 8-dp units. */
const MILLI_BTC = 100_000n;

async function fundedUser(cents: bigint, label: string): Promise<string> {
  const userId = newUserId(label);
  await deposit({ userId, amount: cents, requestId: 'funding' });
  return userId;
}

const cashOf = async (userId: string) => holdingOf(await readBalance(userId), CASH);
const keyed = (route: string, key: string) => ({ key, fingerprint: fingerprintOf(route, { key }) });
const depositOf = (userId: string, amount: bigint, key?: string): Promise<Executed> =>
  deposit(cash(userId, amount, 'POST /deposits', key));
const withdrawalOf = (userId: string, amount: bigint, key?: string): Promise<Executed> =>
  withdraw(cash(userId, amount, 'POST /withdrawals', key));
const cash = (userId: string, amount: bigint, route: string, key?: string): CashCommand => ({
  userId,
  amount,
  requestId: `r-${key ?? 'unkeyed'}`,
  ...(key ? { idempotency: keyed(route, key) } : {}),
});
const order = (
  userId: string,
  side: OrderCommand['side'],
  quantity: bigint,
  key?: string,
): Promise<Executed> =>
  placeOrder({
    userId,
    side,
    asset: BTC,
    quantity,
    requestId: `r-${key ?? 'unkeyed'}`,
    ...(key ? { idempotency: keyed(`POST /orders/${side.toLowerCase()}`, key) } : {}),
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What this process knows of a user whose lock it keeps finding busy. */
const markBusy = (userId: string): void => {
  for (let times = 0; times < PARK_AFTER_CONTENTIONS; times++) rememberContention(userId);
};

async function parkedCountReaches(userId: string, count: number): Promise<void> {
  for (let tries = 0; (await listParkedRequests(userId)).size < count; tries++) {
    if (tries > 200) throw new Error(`fewer than ${count} requests were ever parked at ${userId}`);
    await sleep(10);
  }
}

/** A user whose own operation holds its lock, known to this process as busy. */
async function busyUser(cents: bigint): Promise<{ userId: string; held: Lease }> {
  const userId = await fundedUser(cents, 'hot');
  const held = await acquireUserLock(userId, 'deposit');
  markBusy(userId);
  return { userId, held };
}

type OrderResult = { order: { orderId: string; status: string; total: string } };
const orderOf = (answer: Executed) =>
  (answer.outcome.status === 'completed'
    ? (answer.outcome.result as OrderResult).order
    : answer.outcome.order) as OrderResult['order'];
const centsOf = (money: string): bigint => BigInt(money.replace('.', ''));

describe('requests of a busy user (ADR 0015)', () => {
  it('are parked while its lock is held, then applied together in order: balances and both chains exact', async () => {
    const { userId, held } = await busyUser(100_000n);
    const answering = Promise.all([
      depositOf(userId, 10_000n, 'd1'),
      withdrawalOf(userId, 5_000n, 'w1'),
      order(userId, 'BUY', MILLI_BTC, 'b1'),
      order(userId, 'BUY', MILLI_BTC, 'b2'),
      depositOf(userId, 2_500n),
    ]);
    await parkedCountReaches(userId, 5);
    // Nothing is applied behind the lease of the user's own operation.
    expect(await cashOf(userId)).toEqual({ available: 100_000n, held: 0n });
    counter.reset();
    await releaseUserLock(held);
    const answers = await answering;

    expect(answers.map((answer) => [answer.outcome.status, answer.replayed])).toEqual(
      answers.map(() => ['completed', false]),
    );
    // Applied in fewer transactions than requests, with no order workflow started.
    expect(counter.counts.get('TransactWriteItems') ?? 0).toBeLessThan(answers.length);
    const bought = [answers[2], answers[3]].map((answer) => orderOf(answer as Executed));
    const paid = bought.reduce((sum, each) => sum + centsOf(each.total), 0n);
    expect(await expectLedgerConsistent(userId, CASH)).toBe(100_000n + 10_000n - 5_000n - paid + 2_500n);
    expect(await expectLedgerConsistent(userId, BTC)).toBe(2n * MILLI_BTC);
    for (const each of bought) {
      expect(each.status).toBe('COMPLETED');
      expect((await readOrder(userId, each.orderId))?.status).toBe('COMPLETED');
    }
    expect(await cashOf(userId)).toMatchObject({ held: 0n });
    expect((await listParkedRequests(userId)).size).toBe(0);
    // The holder let the lock go.
    await releaseUserLock(await acquireUserLock(userId, 'deposit', { waitBudgetMs: 0 }));
  });

  it('record a refusal in the batch: a buy and a withdrawal beyond the funds are refused, the rest lands', async () => {
    const { userId, held } = await busyUser(1_000n);
    const answering = Promise.all([
      order(userId, 'BUY', MILLI_BTC, 'too-dear'),
      withdrawalOf(userId, 2_000n, 'too-much'),
      depositOf(userId, 500n, 'fine'),
    ]);
    await parkedCountReaches(userId, 3);
    await releaseUserLock(held);
    const [buy, withdrawal, deposited] = await answering;

    expect(buy?.outcome).toMatchObject({ status: 'rejected', code: 'INSUFFICIENT_FUNDS' });
    const failed = orderOf(buy as Executed);
    expect(failed.status).toBe('FAILED');
    expect(await readOrder(userId, failed.orderId)).toMatchObject({
      status: 'FAILED',
      failureReason: 'INSUFFICIENT_FUNDS',
    });
    expect(withdrawal?.outcome).toMatchObject({ status: 'rejected', code: 'INSUFFICIENT_FUNDS' });
    expect(deposited?.outcome.status).toBe('completed');
    expect(await expectLedgerConsistent(userId, CASH)).toBe(1_500n);
    expect(await expectLedgerConsistent(userId, BTC)).toBe(0n);
    // A refusal replays like any recorded outcome.
    expect(await order(userId, 'BUY', MILLI_BTC, 'too-dear')).toEqual({
      outcome: buy?.outcome,
      replayed: true,
    });
  });

  it('land once when sent twice with one key: the second is in progress while the first is parked, then replays', async () => {
    const { userId, held } = await busyUser(10_000n);
    const first = depositOf(userId, 700n, 'once');
    await parkedCountReaches(userId, 1);
    await expect(depositOf(userId, 700n, 'once')).rejects.toBeInstanceOf(IdempotencyInProgressError);
    await releaseUserLock(held);
    const done = await first;
    expect(done).toMatchObject({ outcome: { status: 'completed' }, replayed: false });
    markBusy(userId);
    expect(await depositOf(userId, 700n, 'once')).toEqual({ outcome: done.outcome, replayed: true });
    expect(await expectLedgerConsistent(userId, CASH)).toBe(10_700n);
  });

  it('replay a key an earlier request recorded: parked again, it is refused in the batch and answers the first outcome', async () => {
    const userId = await fundedUser(10_000n, 'hot');
    const first = await withdrawalOf(userId, 1_000n, 'earlier');
    const held = await acquireUserLock(userId, 'deposit');
    markBusy(userId);
    const again = withdrawalOf(userId, 1_000n, 'earlier');
    const other = depositOf(userId, 300n, 'other');
    await parkedCountReaches(userId, 2);
    await releaseUserLock(held);

    expect(await again).toEqual({ outcome: first.outcome, replayed: true });
    expect((await other).outcome.status).toBe('completed');
    expect(await expectLedgerConsistent(userId, CASH)).toBe(9_300n);
    expect((await listParkedRequests(userId)).size).toBe(0);
  });

  it('are applied by a poster that finds the lock free, in one transaction of its own', async () => {
    const userId = await fundedUser(10_000n, 'hot');
    markBusy(userId);
    counter.reset();
    const answer = await order(userId, 'BUY', MILLI_BTC);
    expect(answer.outcome.status).toBe('completed');
    expect(counter.counts.get('TransactWriteItems')).toBe(1);
    expect(await expectLedgerConsistent(userId, BTC)).toBe(MILLI_BTC);
    expect(await expectLedgerConsistent(userId, CASH)).toBe(10_000n - centsOf(orderOf(answer).total));
  });

  it('are applied by no holder whose lease is lost; the next holder applies them', async () => {
    const userId = await fundedUser(10_000n, 'hot');
    const paused = await acquireUserLock(userId, 'deposit');
    markBusy(userId);
    const answering = Promise.all([depositOf(userId, 100n, 'p1'), withdrawalOf(userId, 200n, 'p2')]);
    await parkedCountReaches(userId, 2);
    const parked = await listParkedRequests(userId);
    // The holder pauses past its lease, and another operation takes the lock meanwhile.
    await expireLock(userId);
    const next = await acquireUserLock(userId, 'deposit', { waitBudgetMs: 0 });
    await applyParkedRequests(paused, parked);

    expect(await cashOf(userId)).toEqual({ available: 10_000n, held: 0n });
    expect((await listParkedRequests(userId)).size).toBe(2);
    await releaseUserLock(next);
    const answers = await answering;
    expect(answers.map((answer) => answer.outcome.status)).toEqual(['completed', 'completed']);
    expect(await expectLedgerConsistent(userId, CASH)).toBe(9_900n);
  });

  it('are taken back when the wait runs out: LOCKED, and nothing moves', async () => {
    const { userId, held } = await busyUser(10_000n);
    await expect(order(userId, 'BUY', MILLI_BTC, 'late')).rejects.toBeInstanceOf(LockedError);
    expect((await listParkedRequests(userId)).size).toBe(0);
    await releaseUserLock(held);
    expect(await cashOf(userId)).toEqual({ available: 10_000n, held: 0n });
    expect(await ledgerOf(userId)).toHaveLength(1);
  });

  it('with payments to the same user in one batch: every chain exact', async () => {
    const { userId, held } = await busyUser(10_000n);
    const payer = await fundedUser(10_000n, 'payer');
    const answering = Promise.all([
      depositOf(userId, 1_000n, 'mixed-d'),
      transferMoney({ userId: payer, to: userId, amount: 2_000n, requestId: 'r-pay' }),
      order(userId, 'BUY', MILLI_BTC, 'mixed-b'),
    ]);
    await parkedCountReaches(userId, 3);
    await releaseUserLock(held);
    const [, paid, bought] = await answering;
    expect(paid?.outcome.status).toBe('completed');
    expect(await expectLedgerConsistent(payer, CASH)).toBe(8_000n);
    expect(await expectLedgerConsistent(userId, CASH)).toBe(
      10_000n + 1_000n + 2_000n - centsOf(orderOf(bought as Executed).total),
    );
    expect(await expectLedgerConsistent(userId, BTC)).toBe(MILLI_BTC);
  });
});
