import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASH_SCALE,
  formatAmount,
  PRICE_SCALE,
  parsePrice,
  parseQuantity,
  QUANTITY_SCALE,
} from '../../../common/money/amounts';
import { pow10 } from '../../../common/money/decimal';
import { type Side, tradeTotal } from '../../../common/money/trade-total';

/** quantity (8 places) × price (2 places) has 10 places; one cent is 10^8 of those units. */
const UNITS_PER_CENT = pow10(QUANTITY_SCALE + PRICE_SCALE - CASH_SCALE);
const MAX_QUANTITY = 1_000_000_000n * pow10(QUANTITY_SCALE);
const MAX_PRICE = 1_000_000_000n * pow10(PRICE_SCALE);

const total = (side: Side, quantity: string, price: string): string =>
  formatAmount('USD', tradeTotal(side, parseQuantity(quantity), parsePrice(price)));

describe('tradeTotal, concrete cases', () => {
  it('is exact on both sides when the product is a whole number of cents', () => {
    expect(total('BUY', '0.01', '50000.00')).toBe('500.00');
    expect(total('SELL', '0.01', '50000.00')).toBe('500.00');
    expect(total('BUY', '2', '150.25')).toBe('300.50');
    expect(total('SELL', '2', '150.25')).toBe('300.50');
    expect(total('BUY', '1000000000', '1000000000')).toBe('1000000000000000000.00');
    expect(total('SELL', '1000000000', '1000000000')).toBe('1000000000000000000.00');
  });

  it('rounds a BUY up and a SELL down to the cent', () => {
    // 0.00000001 × 150.00 = 0.0000015 USD
    expect(total('BUY', '0.00000001', '150.00')).toBe('0.01');
    expect(total('SELL', '0.00000001', '150.00')).toBe('0.00');
    // 0.33333333 × 3.00 = 0.99999999 USD
    expect(total('BUY', '0.33333333', '3.00')).toBe('1.00');
    expect(total('SELL', '0.33333333', '3.00')).toBe('0.99');
    // 1.23456789 × 100.01 = 123.4691346789 USD
    expect(total('BUY', '1.23456789', '100.01')).toBe('123.47');
    expect(total('SELL', '1.23456789', '100.01')).toBe('123.46');
    // 0.5 × 0.01 = 0.005 USD: half a cent rounds away in both directions, never to nearest
    expect(total('BUY', '0.5', '0.01')).toBe('0.01');
    expect(total('SELL', '0.5', '0.01')).toBe('0.00');
    // just past a whole cent: 1.00000001 × 1.00 = 1.0000000100 USD
    expect(total('BUY', '1.00000001', '1.00')).toBe('1.01');
    expect(total('SELL', '1.00000001', '1.00')).toBe('1.00');
  });

  it('works in minor units: 1 unit × 1 cent is 10^-10 USD', () => {
    expect(tradeTotal('BUY', 1n, 1n)).toBe(1n);
    expect(tradeTotal('SELL', 1n, 1n)).toBe(0n);
    expect(tradeTotal('BUY', UNITS_PER_CENT, 1n)).toBe(1n);
    expect(tradeTotal('SELL', UNITS_PER_CENT, 1n)).toBe(1n);
    expect(tradeTotal('BUY', UNITS_PER_CENT + 1n, 1n)).toBe(2n);
    expect(tradeTotal('SELL', UNITS_PER_CENT - 1n, 1n)).toBe(0n);
  });
});

describe('tradeTotal, properties', () => {
  const quantity = fc.bigInt({ min: 1n, max: MAX_QUANTITY });
  const price = fc.bigInt({ min: 1n, max: MAX_PRICE });

  it('SELL ≤ exact ≤ BUY, BUY is the ceiling, SELL the floor, and they differ by at most one cent', () => {
    fc.assert(
      fc.property(quantity, price, (q, p) => {
        const exact = q * p; // in 10^-10 USD
        const buy = tradeTotal('BUY', q, p);
        const sell = tradeTotal('SELL', q, p);

        expect(sell * UNITS_PER_CENT <= exact).toBe(true);
        expect(exact <= buy * UNITS_PER_CENT).toBe(true);
        // tightest such cents: one cent less for BUY would undercharge, one more for SELL would overpay
        expect((buy - 1n) * UNITS_PER_CENT < exact).toBe(true);
        expect((sell + 1n) * UNITS_PER_CENT > exact).toBe(true);

        const difference = buy - sell;
        expect(difference === 0n || difference === 1n).toBe(true);
        expect(difference === 0n).toBe(exact % UNITS_PER_CENT === 0n);
      }),
      { numRuns: 1000 },
    );
  });

  it('is exact on both sides when the product is a multiple of a cent', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 1_000_000_000n }),
        fc.bigInt({ min: 1n, max: MAX_PRICE }),
        (wholeUnits, p) => {
          // a quantity of whole units (×10^8) times any price is always a whole number of cents
          const q = wholeUnits * pow10(QUANTITY_SCALE);
          const expected = wholeUnits * p;
          expect(tradeTotal('BUY', q, p)).toBe(expected);
          expect(tradeTotal('SELL', q, p)).toBe(expected);
        },
      ),
    );
  });

  it('matches a string-level long multiplication, truncated or rounded up at the cent', () => {
    fc.assert(
      fc.property(quantity, price, (q, p) => {
        const product = multiplyDigitStrings(q.toString(), p.toString()).padStart(11, '0');
        // product has 10 decimals; cents keep the first 2 of them
        const centsText = product.slice(0, -8).replace(/^0+(?=\d)/, '');
        const remainderIsZero = /^0+$/.test(product.slice(-8));
        expect(tradeTotal('SELL', q, p).toString()).toBe(centsText);
        const buyExpected = remainderIsZero ? centsText : incrementDigitString(centsText);
        expect(tradeTotal('BUY', q, p).toString()).toBe(buyExpected);
      }),
    );
  });

  it('is monotonic in quantity and in price', () => {
    fc.assert(
      fc.property(quantity, price, fc.bigInt({ min: 0n, max: 10n ** 10n }), (q, p, extra) => {
        for (const side of ['BUY', 'SELL'] as const) {
          expect(tradeTotal(side, q + extra, p) >= tradeTotal(side, q, p)).toBe(true);
          expect(tradeTotal(side, q, p + extra) >= tradeTotal(side, q, p)).toBe(true);
        }
      }),
    );
  });
});

/** Schoolbook multiplication of unsigned digit strings, independent of bigint arithmetic. */
function multiplyDigitStrings(a: string, b: string): string {
  const digits = new Array<number>(a.length + b.length).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const at = i + j + 1;
      const sum = (a.charCodeAt(i) - 48) * (b.charCodeAt(j) - 48) + (digits[at] ?? 0);
      digits[at] = sum % 10;
      digits[at - 1] = (digits[at - 1] ?? 0) + Math.floor(sum / 10);
    }
  }
  return digits.join('').replace(/^0+(?=\d)/, '');
}

function incrementDigitString(text: string): string {
  let carry = 1;
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) {
    const sum = text.charCodeAt(i) - 48 + carry;
    out = String(sum % 10) + out;
    carry = sum >= 10 ? 1 : 0;
  }
  return carry ? `1${out}` : out;
}
