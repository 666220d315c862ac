import { describe, expect, it } from 'vitest';
import { type BalanceState, credit, debit, holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { deposit } from '../../common/cash/cash-operations';
import { LeaseLostError } from '../../common/errors';
import { onFreshBalance, onFreshBalances, StaleBalanceError } from '../../common/lease/stale-balance';
import { acquireUserLock, type Lease } from '../../common/lease/user-lock';
import { ItemConditionFailed, writeUnderLeases } from '../../common/lease/write-under-lease';
import { type LedgerEntry, ledgerEntryPut } from '../../common/ledger/ledger-entry';
import { CASH } from '../../common/money/amounts';
import { newUserId } from '../support/ids';
import { expireLock } from '../support/lease-clock';
import { ledgerOf } from '../support/ledger';

async function fundedLease(amount: bigint): Promise<{ lease: Lease; before: BalanceState }> {
  const userId = newUserId();
  await deposit({ userId, amount, requestId: 'funding' });
  const lease = await acquireUserLock(userId, 'deposit');
  return { lease, before: lease.snapshot ?? (await readBalance(userId)) };
}

function entry(amount: bigint, balanceAfter: bigint): LedgerEntry {
  const id = `${Date.now()}-${Math.random()}`;
  return { id, type: 'DEPOSIT', asset: CASH, amount, balanceAfter, createdAt: new Date().toISOString() };
}

/** Someone else takes the lock once the holder's lease ran out. */
async function takeOver(userId: string): Promise<void> {
  await expireLock(userId);
  await acquireUserLock(userId, 'deposit');
}

const cashOf = async (userId: string) => holdingOf(await readBalance(userId), CASH).available;

describe('a fenced write under several leases', () => {
  it('moves both balances in one transaction and returns each as stored', async () => {
    const a = await fundedLease(10_000n);
    const b = await fundedLease(1n);
    const stored = await writeUnderLeases({
      accounts: [
        { ...a, after: debit(a.before, CASH, 2_500n), release: true },
        { ...b, after: credit(b.before, CASH, 2_500n), release: true },
      ],
      items: {},
      step: 'move',
    });
    expect(await cashOf(a.lease.userId)).toBe(7_500n);
    expect(await cashOf(b.lease.userId)).toBe(2_501n);
    expect(stored.get(b.lease.userId)?.version).toBe(b.before.version + 1);
    // Both releases were folded in: each lock is free at once.
    await acquireUserLock(a.lease.userId, 'deposit', { waitBudgetMs: 0 });
    await acquireUserLock(b.lease.userId, 'deposit', { waitBudgetMs: 0 });
  });

  it.each(['first', 'second'] as const)(
    'commits nothing on either account when the %s lease was lost',
    async (lost) => {
      const a = await fundedLease(10_000n);
      const b = await fundedLease(10_000n);
      await takeOver((lost === 'first' ? a : b).lease.userId);
      const write = writeUnderLeases({
        accounts: [
          { ...a, after: debit(a.before, CASH, 2_500n), release: true },
          { ...b, after: credit(b.before, CASH, 2_500n), release: true },
        ],
        items: { ledger: [ledgerEntryPut(a.lease.userId, entry(-2_500n, 7_500n))] },
        step: 'move',
      });
      await expect(write).rejects.toBeInstanceOf(LeaseLostError);
      expect([await cashOf(a.lease.userId), await cashOf(b.lease.userId)]).toEqual([10_000n, 10_000n]);
      expect(await ledgerOf(a.lease.userId)).toHaveLength(1);
    },
  );

  it('names the account whose balance moved, with its current state', async () => {
    const a = await fundedLease(10_000n);
    const b = await fundedLease(10_000n);
    const stale = { ...b.before, version: b.before.version - 1 };
    const write = writeUnderLeases({
      accounts: [
        { ...a, after: debit(a.before, CASH, 1n), release: false },
        { lease: b.lease, before: stale, after: credit(stale, CASH, 1n), release: false },
      ],
      items: {},
      step: 'move',
    });
    const error = await write.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StaleBalanceError);
    expect([...(error as StaleBalanceError).current.keys()]).toEqual([b.lease.userId]);
    expect((error as StaleBalanceError).current.get(b.lease.userId)).toEqual(b.before);
  });

  it('reports a refused item of the caller by its name, with the item as stored', async () => {
    const a = await fundedLease(10_000n);
    const existing = entry(1n, 1n);
    const write = () =>
      writeUnderLeases({
        accounts: [{ ...a, release: false }],
        items: { ledger: [ledgerEntryPut(a.lease.userId, existing)] },
        step: `append ${Math.random()}`,
      });
    await write();
    const error = await write().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ItemConditionFailed);
    expect((error as ItemConditionFailed).failed('ledger')).toBeDefined();
    expect((error as ItemConditionFailed).failed('record')).toBeUndefined();
  });
});

describe('the retry on a stale balance', () => {
  it('retries once, on the state the failed write returned, and then gives up', async () => {
    const userId = newUserId();
    const seen: number[] = [];
    const attempt = onFreshBalance(userId, { version: 0, assets: {} }, async (before) => {
      seen.push(before.version);
      throw new StaleBalanceError(new Map([[userId, { version: before.version + 1, assets: {} }]]));
    });
    await expect(attempt).rejects.toBeInstanceOf(StaleBalanceError);
    // Every writer of a balance holds its lease, so a second miss in a row is a fault, not a race.
    expect(seen).toEqual([0, 1]);
  });

  it('merges what each failure names: a moved payee keeps the payer as it was', async () => {
    const states: Array<[number | undefined, number | undefined]> = [];
    await onFreshBalances(
      new Map([
        ['payer', { version: 3, assets: {} }],
        ['payee', { version: 5, assets: {} }],
      ]),
      async (balances) => {
        states.push([balances.get('payer')?.version, balances.get('payee')?.version]);
        if (states.length === 1)
          throw new StaleBalanceError(new Map([['payee', { version: 6, assets: {} }]]));
      },
    );
    expect(states).toEqual([
      [3, 5],
      [3, 6],
    ]);
  });
});
