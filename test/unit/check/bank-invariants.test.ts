import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../../check/check-invariants';
import type { FinalUserState } from '../../../check/final-state';
import type { Operation } from '../../../check/history';
import { type CheckInput, passed } from '../../../check/invariant';
import {
  ALICE,
  BANK_LEDGER,
  BOB,
  bankInput,
  bankOperation,
  bankOperations,
  bankStates,
  hold,
} from './bank-fixtures';
import { answer, type FixtureState, tx } from './history-fixtures';
import { failing, messages, resultOf } from './invariant-results';

/** Changes one user's final state (alice is 0, bob is 1). */
function withState(user: 0 | 1, change: (state: FixtureState) => FinalUserState): CheckInput {
  const states: FinalUserState[] = bankStates();
  const state = bankStates()[user];
  states[user] = change(state);
  return bankInput({ finalStates: states });
}

const withOperations = (change: (operations: Operation[]) => Operation[]): CheckInput =>
  bankInput({ operations: change(bankOperations()) });

const withHolds = (change: (holds: ReturnType<typeof hold>[]) => ReturnType<typeof hold>[]): CheckInput => {
  const [alice, bob] = bankStates();
  const holds = change(alice.holds as ReturnType<typeof hold>[]);
  return bankInput({
    finalStates: [
      { ...alice, holds },
      { ...bob, holds },
    ],
  });
};

describe('the bank invariants', () => {
  it('pass a consistent bank history, the bank invariants having looked at something', () => {
    const results = checkInvariants(bankInput());
    expect(results.filter((result) => !passed(result))).toEqual([]);
    for (const id of ['bank-total', 'held', 'holds', 'payments', 'model', 'daily-limits']) {
      const result = results.find((candidate) => candidate.id === id);
      expect(result?.skipped, id).toBeUndefined();
      expect(result?.checked, id).toBeGreaterThan(0);
    }
    expect(results.find((result) => result.id === 'orders-resolved')?.skipped).toBe('--bank');
  });

  it('bank-total: a cent created in one account shows in the sum over all accounts', () => {
    const input = withState(1, (state) => ({
      ...state,
      balance: { cash: { available: '50.01', held: '0.00' }, assets: {} },
    }));
    expect(failing(input)).toContain('bank-total');
    expect(messages(input, 'bank-total')).toEqual([
      'all 2 accounts hold 135.01 USD, acknowledged deposits minus withdrawals are 135.00 USD (off by 0.01 USD)',
    ]);
  });

  it('bank-total: is not judged when trades exchange cash for assets', () => {
    const input = withOperations((operations) => [
      ...operations,
      bankOperation(11, 'buy', ALICE, { asset: 'BTC', quantity: '0.00010000' }, [
        answer(422, { error: { code: 'INSUFFICIENT_FUNDS', message: 'no', requestId: 'r' } }),
      ]),
    ]);
    expect(resultOf(input, 'bank-total').skipped).toBe('trades move cash to and from the market');
  });

  it('held: a PENDING hold whose funds are not held, though the total is right', () => {
    const input = withState(0, (state) => ({
      ...state,
      balance: { cash: { available: '85.00', held: '0.00' }, assets: {} },
    }));
    expect(failing(input)).toEqual(['held']);
    expect(messages(input, 'held')).toEqual([
      'USD: held is 0.00 USD after quiescence, its PENDING holds and OPEN orders reserve 3.00 USD',
    ]);
  });

  it('holds: a hold still PENDING past its expiry after quiescence', () => {
    const input = withHolds((holds) =>
      holds.map((candidate) =>
        candidate.holdId === 'H3' ? { ...candidate, expiresAt: '2026-01-01T00:30:00.000Z' } : candidate,
      ),
    );
    expect(messages(input, 'holds')).toContainEqual(
      expect.stringMatching(/^hold H3 is PENDING 1800\.0 s past its expiresAt$/),
    );
  });

  it('holds: an acknowledged capture whose hold ended VOIDED, and a refusal that says EXPIRED of a VOIDED hold', () => {
    const input = withHolds((holds) =>
      holds.map((candidate) => {
        if (candidate.holdId === 'H1') return hold('H1', '20.00', 'VOIDED');
        if (candidate.holdId === 'H4') return hold('H4', '4.00', 'VOIDED', '0.00', candidate.expiresAt);
        return candidate;
      }),
    );
    expect(messages(input, 'holds')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/capture #4 .*: answered 201 \(the hold CAPTURED\), but hold H1 is VOIDED/),
        expect.stringMatching(/capture #9 .*: answered 409 \(the hold EXPIRED\), but hold H4 is VOIDED/),
        'hold H4 is VOIDED, and 0 captures or voids were acknowledged for it (none)',
      ]),
    );
  });

  it('holds: a capture whose answer and final hold disagree on the amount', () => {
    const input = withHolds((holds) =>
      holds.map((candidate) =>
        candidate.holdId === 'H1' ? hold('H1', '20.00', 'CAPTURED', '6.00') : candidate,
      ),
    );
    expect(messages(input, 'holds')).toEqual([
      expect.stringMatching(/capture #4 .*: captured 5\.00, but hold H1 shows 6\.00 USD captured/),
    ]);
  });

  it('holds: one hold resolved by two acknowledged requests', () => {
    const input = withOperations((operations) => [
      ...operations,
      bankOperation(11, 'void', ALICE, {}, [answer(201, hold('H1', '20.00', 'VOIDED'))], 'H1'),
    ]);
    expect(messages(input, 'holds')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/void #11 .*: answered 201 \(the hold VOIDED\), but hold H1 is CAPTURED/),
        'hold H1 is CAPTURED, and 2 captures or voids were acknowledged for it (capture #4 (key key-4), void #11 (key key-11))',
      ]),
    );
  });

  it('holds: a hold nobody placed, and a placed one that is gone', () => {
    const input = withHolds((holds) => [
      hold('H9', '1.00', 'PENDING'),
      ...holds.filter((candidate) => candidate.holdId !== 'H3'),
    ]);
    expect(messages(input, 'holds')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/hold #7 .*: its hold is listed by nobody/),
        'hold H9 (1.00 USD to bob) exists, but no placement was acknowledged with it',
      ]),
    );
  });

  it('holds: a hold its payee does not list', () => {
    const [alice, bob] = bankStates();
    const input = bankInput({
      finalStates: [
        alice,
        { ...bob, holds: bob.holds.filter((candidate) => fieldOfHold(candidate) !== 'H2') },
      ],
    });
    expect(messages(input, 'holds')).toEqual(['hold H2 is not listed by its payee bob']);
  });

  it('payments: a transfer the payee never received, and an entry no request paid', () => {
    const input = withState(1, (state) => ({
      ...state,
      transactions: [
        BANK_LEDGER.bobWithdraw,
        BANK_LEDGER.bobCapture,
        { ...tx('B2', 'TRANSFER_IN', 'USD', '10.00', '60.00'), transferId: 'X7', counterparty: ALICE },
        BANK_LEDGER.bobFund,
      ],
    }));
    expect(failing(input)).toEqual(['payments']);
    expect(messages(input, 'payments')).toEqual([
      expect.stringMatching(
        /transfer #2 .*: transfer X1 has 0 TRANSFER_IN entries for bob \(none\), expected one of 10\.00 USD with alice/,
      ),
      'ledger entry B2 (TRANSFER_IN 10.00 USD, transfer X7) belongs to no acknowledged transfer or capture',
    ]);
  });

  it('payments: a capture paid twice to the payee', () => {
    const input = withState(1, (state) => ({
      ...state,
      transactions: [{ ...BANK_LEDGER.bobCapture, id: 'B5', balanceAfter: '55.00' }, ...state.transactions],
      balance: { cash: { available: '55.00', held: '0.00' }, assets: {} },
    }));
    expect(messages(input, 'payments')).toEqual([
      expect.stringMatching(/capture #4 .*: hold H1 has 2 TRANSFER_IN entries for bob/),
    ]);
  });

  it('daily-limits: a transfer and a hold count toward the withdrawal limit', () => {
    const input = withOperations((operations) => [
      ...operations,
      bankOperation(11, 'transfer', ALICE, { to: BOB, amount: '4970.00' }, [
        answer(201, {
          transfer: {
            transferId: 'X9',
            from: ALICE,
            to: BOB,
            amount: '4970.00',
            createdAt: '2026-01-01T00:05:00.000Z',
          },
        }),
      ]),
    ]);
    // 10.00 + 4970.00 paid, 20.00 + 7.00 + 3.00 + 4.00 held: 5014.00 of cash out on one day.
    expect(messages(input, 'daily-limits')).toEqual([
      '2026-01-01: 5014.00 USD of withdrawals acknowledged, past the daily limit of 5000.00 USD',
    ]);
  });

  it('replays: repeated final conflicts are not replays; a 201 after one is a second answer', () => {
    expect(failing(bankInput())).toEqual([]);
    const input = withOperations((operations) =>
      operations.map((candidate) =>
        candidate.id === 9
          ? {
              ...candidate,
              attempts: [...candidate.attempts, answer(201, hold('H4', '4.00', 'CAPTURED', '4.00'))],
            }
          : candidate,
      ),
    );
    // The 201 is the one stored answer, so both conflicts are judged against it.
    expect(messages(input, 'replays')).toEqual([
      expect.stringMatching(
        /capture #9 .*: a replay answered 409 .*HOLD_EXPIRED.*, the first answer was 201/,
      ),
      expect.stringMatching(
        /capture #9 .*: a replay answered 409 .*HOLD_EXPIRED.*, the first answer was 201/,
      ),
    ]);
  });

  it('answers: a capture refused with a code the contract does not give it', () => {
    const input = withOperations((operations) =>
      operations.map((candidate) =>
        candidate.id === 9
          ? {
              ...candidate,
              attempts: [answer(409, { error: { code: 'ORDER_NOT_OPEN', message: 'x', requestId: 'r' } })],
            }
          : candidate,
      ),
    );
    expect(messages(input, 'answers')).toEqual([
      expect.stringMatching(/capture #9 .*: 409 ORDER_NOT_OPEN is not an answer this request can get/),
    ]);
  });
});

function fieldOfHold(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'holdId' in value ? String(value.holdId) : undefined;
}
