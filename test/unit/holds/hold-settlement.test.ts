import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credit, EMPTY_BALANCE, holdingOf, totalOf } from '../../../common/accounts/balance-state';
import {
  assertResolvable,
  captureFunds,
  holdFunds,
  newHold,
  releaseFunds,
  resolvedHold,
} from '../../../common/holds/hold-settlement';
import { CASH } from '../../../common/money/amounts';

const funded = (cents: bigint) => credit(EMPTY_BALANCE, CASH, cents);
const holdFor = (amount: bigint, expiresInSeconds = 60, now = new Date()) =>
  newHold({ userId: 'payer', asset: CASH, amount, purpose: { payee: 'payee' }, expiresInSeconds }, now);

describe('hold arithmetic', () => {
  it('places by moving available to held, and refuses more than is available', () => {
    const hold = holdFor(2_500n);
    expect(holdingOf(holdFunds(funded(10_000n), hold), CASH)).toEqual({ available: 7_500n, held: 2_500n });
    expect(() => holdFunds(funded(2_499n), hold)).toThrow(
      'Insufficient funds: available 24.99 USD, required 25.00 USD',
    );
  });

  it('a capture of any part spends exactly that part and releases the rest', () => {
    const holdCaptureAndSpare = fc
      .bigInt({ min: 1n, max: 10n ** 11n })
      .chain((amount) =>
        fc.tuple(
          fc.constant(amount),
          fc.bigInt({ min: 1n, max: amount }),
          fc.bigInt({ min: 0n, max: 10n ** 11n }),
        ),
      );
    fc.assert(
      fc.property(holdCaptureAndSpare, ([amount, part, spare]) => {
        const hold = holdFor(amount);
        const placed = holdFunds(funded(amount + spare), hold);
        const after = captureFunds(placed, hold, part);
        expect(holdingOf(after, CASH)).toEqual({ available: amount + spare - part, held: 0n });
        expect(totalOf(placed, CASH) - totalOf(after, CASH)).toBe(part);
      }),
    );
  });

  it('refuses a capture of more than the hold, naming both figures', () => {
    const hold = holdFor(2_500n);
    expect(() => captureFunds(holdFunds(funded(10_000n), hold), hold, 2_501n)).toThrow(
      'Capture exceeds the hold: held 25.00 USD, capture 25.01 USD',
    );
  });

  it('a release returns the whole hold to available', () => {
    const hold = holdFor(2_500n);
    expect(holdingOf(releaseFunds(holdFunds(funded(10_000n), hold), hold), CASH)).toEqual({
      available: 10_000n,
      held: 0n,
    });
  });
});

describe('a hold resolves at most once, and not after it expired', () => {
  const now = new Date('2026-12-02T12:00:00.000Z');
  it.each([
    ['CAPTURED', 'HOLD_ALREADY_CAPTURED'],
    ['VOIDED', 'HOLD_ALREADY_VOIDED'],
    ['EXPIRED', 'HOLD_EXPIRED'],
  ] as const)('a %s hold answers %s', (status, code) => {
    expect(() => assertResolvable(resolvedHold(holdFor(1n, 60, now), status, 0n), now)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('a PENDING hold is resolvable until the instant it expires, and not from then on', () => {
    const hold = holdFor(1n, 1, now);
    expect(() => assertResolvable(hold, new Date(now.getTime() + 999))).not.toThrow();
    expect(() => assertResolvable(hold, new Date(now.getTime() + 1_000))).toThrow(
      expect.objectContaining({ code: 'HOLD_EXPIRED' }),
    );
  });
});
