import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { credit } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { LeaseLostError } from '../../common/errors';
import type { Hold } from '../../common/holds/hold';
import { releaseFunds, resolvedHold } from '../../common/holds/hold-settlement';
import { listHoldsOf, readHold, resolveHoldWrites } from '../../common/holds/hold-store';
import { type PlaceHoldCommand, placeHold } from '../../common/holds/place-hold';
import { reapExpiredHolds } from '../../common/holds/reap-expired-holds';
import { captureHold, type Requester, voidHold } from '../../common/holds/resolve-hold';
import { fingerprintOf } from '../../common/idempotency/idempotency-record';
import { acquireUserLock } from '../../common/lease/user-lock';
import { ItemConditionFailed, writeUnderLease } from '../../common/lease/write-under-lease';
import { setDailyLimits } from '../../common/limits/set-daily-limits';
import { CASH } from '../../common/money/amounts';
import type { Executed } from '../../common/outcomes/outcome';
import { documentClient, tableName } from '../../common/storage/client';
import { keys } from '../../common/storage/keys';
import { countDynamoDbRequests } from '../../common/storage/request-counter';
import { cashOf, fundedUser } from '../support/accounts';
import { newUserId } from '../support/ids';
import { expireLock } from '../support/lease-clock';
import { expectLedgerConsistent, ledgerOf } from '../support/ledger';
import { pauseBeforeFencedWrite } from '../support/pause-before-write';

const HOUR = 3600;
const counter = countDynamoDbRequests();
const place = (
  command: Omit<PlaceHoldCommand, 'requestId' | 'expiresInSeconds'> & { expiresInSeconds?: number },
) => placeHold({ requestId: 'r', expiresInSeconds: HOUR, ...command });

const as = (userId: string, isAdmin = false): Requester => ({ userId, isAdmin });

function holdOf(executed: Executed): { holdId: string; status: string; captured: string; amount: string } {
  if (executed.outcome.status !== 'completed')
    throw new Error(`Expected a hold, got ${executed.outcome.code}`);
  return executed.outcome.result as { holdId: string; status: string; captured: string; amount: string };
}

async function placedHold(cents: bigint, options: { funds?: bigint; expiresInSeconds?: number } = {}) {
  const payer = await fundedUser(options.funds ?? 10_000n, 'payer');
  const payee = await fundedUser(100n, 'payee');
  const placed = await place({
    userId: payer,
    to: payee,
    amount: cents,
    expiresInSeconds: options.expiresInSeconds ?? HOUR,
  });
  return { payer, payee, holdId: holdOf(placed).holdId };
}

/** Moves a hold's expiry (and its place in the reaper's index) `secondsAgo` into the past, as the clock would. */
async function backdateExpiry(holdId: string, secondsAgo: number): Promise<void> {
  const past = new Date(Date.now() - secondsAgo * 1000).toISOString();
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.hold(holdId),
      UpdateExpression: 'SET holdExpiresAt = :past, pendingSk = :sk',
      ExpressionAttributeValues: { ':past': past, ':sk': `${past}#${holdId}` },
    }),
  );
}

const rejectionOf = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'none';
};

describe('placing a hold', () => {
  it('moves the amount from the payer’s available to held, writes no ledger entry, and lists it for both', async () => {
    const payer = await fundedUser(10_000n, 'payer');
    const payee = await fundedUser(100n, 'payee');
    const placed = await place({ userId: payer, to: payee, amount: 2_500n, expiresInSeconds: 60 });
    expect(placed.outcome).toMatchObject({
      status: 'completed',
      result: { from: payer, to: payee, amount: '25.00', captured: '0.00', status: 'PENDING' },
    });
    const { holdId } = holdOf(placed);
    expect(await cashOf(payer)).toEqual({ available: 7_500n, held: 2_500n });
    expect(await cashOf(payee)).toEqual({ available: 100n, held: 0n });
    // Held moves are ledger-neutral: the entries still sum to available + held.
    expect(await expectLedgerConsistent(payer, CASH)).toBe(10_000n);
    const hold = await readHold(holdId);
    expect(Date.parse(hold?.expiresAt ?? '') - Date.parse(hold?.createdAt ?? '')).toBe(60_000);
    for (const party of [payer, payee]) {
      expect((await listHoldsOf(party, { limit: 10 })).items.map((listed) => listed.holdId)).toEqual([
        holdId,
      ]);
    }
  });

  it.each([
    ['SAME_ACCOUNT', 'self', 100n],
    ['UNKNOWN_PAYEE', 'stranger', 100n],
    ['INSUFFICIENT_FUNDS', 'payee', 10_001n],
  ] as const)('is refused with %s, recorded for its key, and changes nothing', async (code, to, amount) => {
    const payer = await fundedUser(10_000n, 'payer');
    const payee = to === 'self' ? payer : to === 'stranger' ? newUserId('stranger') : await fundedUser(1n);
    const idempotency = { key: `k-${code}`, fingerprint: fingerprintOf('POST /holds', { to: payee }) };
    const refused = await place({ userId: payer, to: payee, amount, idempotency });
    expect(refused.outcome).toMatchObject({ status: 'rejected', code });
    expect(await place({ userId: payer, to: payee, amount, idempotency })).toEqual({
      outcome: refused.outcome,
      replayed: true,
    });
    expect(await cashOf(payer)).toEqual({ available: 10_000n, held: 0n });
    expect((await listHoldsOf(payer, { limit: 10 })).items).toEqual([]);
  });
});

describe('capturing a hold', () => {
  it('pays the whole hold to the payee, with a TRANSFER_OUT and a TRANSFER_IN entry naming it', async () => {
    const { payer, payee, holdId } = await placedHold(2_500n);
    const captured = await captureHold({ requester: as(payer), holdId, requestId: 'r' });
    expect(holdOf(captured)).toMatchObject({ status: 'CAPTURED', captured: '25.00', amount: '25.00' });
    expect(await cashOf(payer)).toEqual({ available: 7_500n, held: 0n });
    expect(await cashOf(payee)).toEqual({ available: 2_600n, held: 0n });
    const out = (await ledgerOf(payer)).at(-1);
    const into = (await ledgerOf(payee)).at(-1);
    expect(out).toMatchObject({ type: 'TRANSFER_OUT', amount: -2_500n, holdId, counterparty: payee });
    expect(into).toMatchObject({ type: 'TRANSFER_IN', amount: 2_500n, holdId, counterparty: payer });
    expect(into?.transferId).toBe(out?.transferId);
    expect(await expectLedgerConsistent(payer, CASH)).toBe(7_500n);
    expect(await expectLedgerConsistent(payee, CASH)).toBe(2_600n);
    for (const party of [payer, payee]) {
      expect((await listHoldsOf(party, { limit: 10 })).items[0]).toMatchObject({ status: 'CAPTURED' });
    }
  });

  it('in part pays that part and releases the rest to the payer', async () => {
    const { payer, payee, holdId } = await placedHold(2_500n);
    const captured = await captureHold({ requester: as(payer), holdId, amount: 1_001n, requestId: 'r' });
    expect(holdOf(captured)).toMatchObject({ status: 'CAPTURED', captured: '10.01', amount: '25.00' });
    expect(await cashOf(payer)).toEqual({ available: 8_999n, held: 0n });
    expect(await cashOf(payee)).toEqual({ available: 1_101n, held: 0n });
    expect(await expectLedgerConsistent(payer, CASH)).toBe(8_999n);
    expect(await expectLedgerConsistent(payee, CASH)).toBe(1_101n);
  });

  it('of more than is held is refused with 422, recorded for its key, and changes nothing', async () => {
    const { payer, payee, holdId } = await placedHold(2_500n);
    const idempotency = { key: 'too-much', fingerprint: fingerprintOf('capture', { holdId }) };
    const refused = await captureHold({
      requester: as(payer),
      holdId,
      amount: 2_501n,
      requestId: 'r',
      idempotency,
    });
    expect(refused.outcome).toMatchObject({
      status: 'rejected',
      code: 'CAPTURE_EXCEEDS_HOLD',
      message: 'Capture exceeds the hold: held 25.00 USD, capture 25.01 USD',
    });
    expect(
      await captureHold({ requester: as(payer), holdId, amount: 2_501n, requestId: 'r', idempotency }),
    ).toEqual({ outcome: refused.outcome, replayed: true });
    expect(await cashOf(payer)).toEqual({ available: 7_500n, held: 2_500n });
    expect(await cashOf(payee)).toEqual({ available: 100n, held: 0n });
    expect((await readHold(holdId))?.status).toBe('PENDING');
  });

  it('is for the payer or an admin: the payee is forbidden, anyone else finds no such hold', async () => {
    const { payee, holdId } = await placedHold(2_500n);
    expect(await rejectionOf(captureHold({ requester: as(payee), holdId, requestId: 'r' }))).toBe(
      'FORBIDDEN',
    );
    expect(await rejectionOf(captureHold({ requester: as(newUserId()), holdId, requestId: 'r' }))).toBe(
      'NOT_FOUND',
    );
    const byAdmin = await captureHold({ requester: as(newUserId('ops'), true), holdId, requestId: 'r' });
    expect(holdOf(byAdmin).status).toBe('CAPTURED');
  });
});

describe('a hold resolves at most once', () => {
  it('a second capture or void gets the 409 of how it was resolved', async () => {
    const captured = await placedHold(500n);
    await captureHold({ requester: as(captured.payer), holdId: captured.holdId, requestId: 'r' });
    const voided = await placedHold(500n);
    await voidHold({ requester: as(voided.payer), holdId: voided.holdId, requestId: 'r' });
    for (const [{ payer, holdId }, code] of [
      [captured, 'HOLD_ALREADY_CAPTURED'],
      [voided, 'HOLD_ALREADY_VOIDED'],
    ] as const) {
      expect(await rejectionOf(captureHold({ requester: as(payer), holdId, requestId: 'r' }))).toBe(code);
      expect(await rejectionOf(voidHold({ requester: as(payer), holdId, requestId: 'r' }))).toBe(code);
    }
    expect(await cashOf(voided.payer)).toEqual({ available: 10_000n, held: 0n });
  });

  it('the same idempotent request gets its replay instead, from the payer or from an admin', async () => {
    const { payer, holdId } = await placedHold(500n);
    const idempotency = { key: 'capture-once', fingerprint: fingerprintOf('capture', { holdId }) };
    const admin = as(newUserId('ops'), true);
    const first = await captureHold({ requester: admin, holdId, requestId: 'r', idempotency });
    const again = await captureHold({ requester: admin, holdId, requestId: 'r2', idempotency });
    expect(again).toEqual({ outcome: first.outcome, replayed: true });
    // The admin's key is the admin's: the payer's own request with the same key is another request.
    expect(await rejectionOf(voidHold({ requester: as(payer), holdId, requestId: 'r', idempotency }))).toBe(
      'HOLD_ALREADY_CAPTURED',
    );
    expect(await cashOf(payer)).toEqual({ available: 9_500n, held: 0n });
  });

  it('a capture racing a void: exactly one wins, every time, and no cent moves twice', async () => {
    for (let round = 0; round < 8; round++) {
      const { payer, payee, holdId } = await placedHold(500n);
      const results = await Promise.allSettled([
        captureHold({ requester: as(payer), holdId, requestId: 'c' }),
        voidHold({ requester: as(payee), holdId, requestId: 'v' }),
      ]);
      const won = results.filter((result) => result.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const status = (await readHold(holdId))?.status;
      const lost = results.find((result) => result.status === 'rejected');
      expect((lost as PromiseRejectedResult).reason.code).toBe(
        status === 'CAPTURED' ? 'HOLD_ALREADY_CAPTURED' : 'HOLD_ALREADY_VOIDED',
      );
      const paid = status === 'CAPTURED' ? 500n : 0n;
      expect(await cashOf(payer)).toEqual({ available: 10_000n - paid, held: 0n });
      expect(await cashOf(payee)).toEqual({ available: 100n + paid, held: 0n });
      await expectLedgerConsistent(payer, CASH);
      await expectLedgerConsistent(payee, CASH);
    }
  });

  it('is decided by the condition in the transaction, even for a writer that judged it PENDING', async () => {
    const { payer, holdId } = await placedHold(500n);
    const hold = (await readHold(holdId)) as Hold;
    await voidHold({ requester: as(payer), holdId, requestId: 'r' });
    const lease = await acquireUserLock(payer, 'hold');
    const before = lease.snapshot ?? (await readBalance(payer));
    const late = writeUnderLease({
      lease,
      before,
      after: before,
      items: { hold: resolveHoldWrites(resolvedHold(hold, 'VOIDED', 0n), 'unexpired') },
      release: true,
      step: 'late',
    });
    await expect(late).rejects.toBeInstanceOf(ItemConditionFailed);
    expect(await cashOf(payer)).toEqual({ available: 10_000n, held: 0n });
  });
});

describe('expiry', () => {
  it('is exact: one second after expiresAt a capture is refused with the reaper stopped, and nothing moves', async () => {
    const { payer, payee, holdId } = await placedHold(500n, { expiresInSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await rejectionOf(captureHold({ requester: as(payer), holdId, requestId: 'r' }))).toBe(
      'HOLD_EXPIRED',
    );
    expect(await rejectionOf(voidHold({ requester: as(payer), holdId, requestId: 'r' }))).toBe(
      'HOLD_EXPIRED',
    );
    // Nothing was paid. (Local stacks of other test files run reapers on this table, so whether the
    // funds are still held or already released is not this test's to say.)
    expect(await expectLedgerConsistent(payer, CASH)).toBe(10_000n);
    expect(await cashOf(payee)).toEqual({ available: 100n, held: 0n });
  });

  it('is in the transaction’s condition: a capture judged before expiry cannot land after it', async () => {
    const { payer, holdId } = await placedHold(500n);
    const hold = (await readHold(holdId)) as Hold;
    await backdateExpiry(holdId, 1);
    const lease = await acquireUserLock(payer, 'hold');
    const before = lease.snapshot ?? (await readBalance(payer));
    const late = writeUnderLease({
      lease,
      before,
      after: releaseFunds(before, hold),
      items: { hold: resolveHoldWrites(resolvedHold(hold, 'VOIDED', 0n), 'unexpired') },
      release: true,
      step: 'late',
    });
    await expect(late).rejects.toBeInstanceOf(ItemConditionFailed);
    expect((await readHold(holdId))?.status).not.toBe('VOIDED');
    expect(await expectLedgerConsistent(payer, CASH)).toBe(10_000n);
  });

  it('the reaper releases expired holds to the payer and marks them EXPIRED, once', async () => {
    const expired = await placedHold(500n);
    const current = await placedHold(700n);
    await backdateExpiry(expired.holdId, 1);
    await backdateExpiry(current.holdId, -HOUR);
    const report = await reapExpiredHolds();
    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect(await readHold(expired.holdId)).toMatchObject({ status: 'EXPIRED', captured: 0n });
    expect(await cashOf(expired.payer)).toEqual({ available: 10_000n, held: 0n });
    expect(await readHold(current.holdId)).toMatchObject({ status: 'PENDING' });
    expect(await cashOf(current.payer)).toEqual({ available: 9_300n, held: 700n });
    expect((await listHoldsOf(expired.payee, { limit: 1 })).items[0]?.status).toBe('EXPIRED');
    expect(
      await rejectionOf(
        captureHold({ requester: as(expired.payer), holdId: expired.holdId, requestId: 'r' }),
      ),
    ).toBe('HOLD_EXPIRED');
    await reapExpiredHolds();
    expect(await cashOf(expired.payer)).toEqual({ available: 10_000n, held: 0n });
  });

  it('the reaper skips a payer whose lock is busy, and releases the hold on a later run', async () => {
    const { payer, holdId } = await placedHold(500n);
    await backdateExpiry(holdId, 1);
    const lease = await acquireUserLock(payer, 'deposit');
    await reapExpiredHolds();
    expect((await readHold(holdId))?.status).toBe('PENDING');
    await expireLock(lease.userId);
    await reapExpiredHolds();
    expect((await readHold(holdId))?.status).toBe('EXPIRED');
  });
});

describe('a paused holder', () => {
  it.each(['payer', 'payee'] as const)(
    'of the %s’s lease inside the capture commits nothing on either side once someone else took it',
    async (paused) => {
      const { payer, payee, holdId } = await placedHold(2_500n);
      const lost = paused === 'payer' ? payer : payee;
      pauseBeforeFencedWrite(lost, async () => {
        await expireLock(lost);
        await acquireUserLock(lost, 'deposit');
      });
      await expect(captureHold({ requester: as(payer), holdId, requestId: 'r' })).rejects.toBeInstanceOf(
        LeaseLostError,
      );
      expect((await readHold(holdId))?.status).toBe('PENDING');
      expect(await cashOf(payer)).toEqual({ available: 7_500n, held: 2_500n });
      expect(await cashOf(payee)).toEqual({ available: 100n, held: 0n });
      expect((await ledgerOf(payee)).map((entry) => entry.type)).toEqual(['DEPOSIT']);
      expect((await ledgerOf(payer)).map((entry) => entry.type)).toEqual(['DEPOSIT']);
    },
  );

  it('waits for a payee whose own operation holds its lock: both land, the payment after it', async () => {
    const { payer, payee, holdId } = await placedHold(2_500n);
    const lease = await acquireUserLock(payee, 'deposit');
    const before = lease.snapshot ?? (await readBalance(payee));
    const capturing = captureHold({ requester: as(payer), holdId, requestId: 'r' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The payee's own write commits on the state it read: nothing was credited behind its lease.
    await writeUnderLease({
      lease,
      before,
      after: credit(before, CASH, 1_000n),
      items: {},
      release: true,
      step: 'own',
    });
    expect(holdOf(await capturing).status).toBe('CAPTURED');
    expect(await cashOf(payee)).toEqual({ available: 3_600n, held: 0n });
    expect((await ledgerOf(payee)).at(-1)).toMatchObject({ type: 'TRANSFER_IN', balanceAfter: 3_600n });
    expect(await expectLedgerConsistent(payer, CASH)).toBe(7_500n);
  });

  it('of the payee’s lease commits nothing, while the capture to that payee lands', async () => {
    const { payer, payee, holdId } = await placedHold(2_500n);
    const lease = await acquireUserLock(payee, 'withdraw');
    const before = lease.snapshot ?? (await readBalance(payee));
    await expireLock(payee);
    await captureHold({ requester: as(payer), holdId, requestId: 'r' });
    const late = writeUnderLease({
      lease,
      before,
      after: releaseFunds(before, { ...((await readHold(holdId)) as Hold), amount: 0n }),
      items: {},
      release: true,
      step: 'late',
    });
    await expect(late).rejects.toBeInstanceOf(LeaseLostError);
    expect(await cashOf(payee)).toEqual({ available: 2_600n, held: 0n });
    expect(await expectLedgerConsistent(payee, CASH)).toBe(2_600n);
  });
});

describe('round trips of a hold, uncontended', () => {
  it('placing is two in sequence: the lock taken while the payee is read, then one fenced transaction', async () => {
    const payer = await fundedUser(10_000n, 'payer');
    const payee = await fundedUser(100n, 'payee');
    counter.reset();
    await place({ userId: payer, to: payee, amount: 500n });
    expect(Object.fromEntries(counter.counts)).toEqual({ UpdateItem: 1, GetItem: 1, TransactWriteItems: 1 });
    expect(counter.sequential()).toBe(2);
  });

  it('capturing is three: the hold read, both locks at once, one transaction fenced on both', async () => {
    const { payer, holdId } = await placedHold(500n);
    counter.reset();
    await captureHold({ requester: as(payer), holdId, requestId: 'r' });
    expect(Object.fromEntries(counter.counts)).toEqual({ UpdateItem: 2, GetItem: 1, TransactWriteItems: 1 });
    expect(counter.sequential()).toBe(3);
  });

  it('voiding is three: the hold read, the lock, one fenced transaction', async () => {
    const { payer, holdId } = await placedHold(500n);
    counter.reset();
    await voidHold({ requester: as(payer), holdId, requestId: 'r' });
    expect(Object.fromEntries(counter.counts)).toEqual({ UpdateItem: 1, GetItem: 1, TransactWriteItems: 1 });
    expect(counter.sequential()).toBe(3);
  });
});

describe('the daily withdrawal limit', () => {
  it('counts a placed hold, and refuses one past what is left with DAILY_LIMIT_EXCEEDED, holding nothing more', async () => {
    const payer = await fundedUser(10_000n, 'payer');
    const payee = await fundedUser(100n, 'payee');
    await setDailyLimits(payer, { withdrawal: 5_000n });
    expect(holdOf(await place({ userId: payer, to: payee, amount: 3_000n })).status).toBe('PENDING');

    const refused = await place({ userId: payer, to: payee, amount: 2_001n });
    expect(refused.outcome).toMatchObject({
      status: 'rejected',
      code: 'DAILY_LIMIT_EXCEEDED',
      dailyLimit: { kind: 'withdrawal', limit: '50.00', used: '30.00', remaining: '20.00' },
    });
    expect(await cashOf(payer)).toEqual({ available: 7_000n, held: 3_000n });

    expect(holdOf(await place({ userId: payer, to: payee, amount: 2_000n })).status).toBe('PENDING');
    expect(await cashOf(payer)).toEqual({ available: 5_000n, held: 5_000n });
  });
});
