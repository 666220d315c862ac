import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../common/errors';
import { parseJsonExactly } from '../../../common/http/exact-json-numbers';
import { fingerprintOf } from '../../../common/idempotency/idempotency-record';
import { formatAmount, parseCashAmount, parseQuantity } from '../../../common/money/amounts';
import { NumberLiteral } from '../../../common/money/number-literal';

/** The quantity field of a body, as the order route reads it. */
const quantityOf = (body: string): bigint =>
  parseQuantity((parseJsonExactly(body) as { quantity: unknown }).quantity);

describe('a JSON body read with its number literals exact', () => {
  it('hands every number over as the literal the client wrote, strings and structure untouched', () => {
    expect(
      parseJsonExactly('{"a":[1,-2.50,1e-7],"b":"0.30000000000000001","c":{"d":true,"e":null}}'),
    ).toEqual({
      a: [new NumberLiteral('1'), new NumberLiteral('-2.50'), new NumberLiteral('1e-7')],
      b: '0.30000000000000001',
      c: { d: true, e: null },
    });
  });

  it.each([
    ['987654321.87654321', 98_765_432_187_654_321n],
    ['123456789.12345678', 12_345_678_912_345_678n],
    ['999999999.99999999', 99_999_999_999_999_999n],
    ['1000000000', 100_000_000_000_000_000n],
    ['0.00000001', 1n],
    ['1e-8', 1n],
    ['1.5E-7', 15n],
    ['0.1000', 10_000_000n],
    ['9876543.2187654321e2', 98_765_432_187_654_321n],
  ])('reads the quantity %s as exactly %s minor units, whether or not a double holds it', (text, minor) => {
    expect(quantityOf(`{"quantity":${text}}`)).toBe(minor);
  });

  it.each([
    ['12345678.123456789', /more than 8 decimal places/],
    ['0.000000001', /more than 8 decimal places/],
    ['1000000000.00000001', /at most 1000000000\.00000000/],
    ['1e400', /at most/],
    ['1e999999999999999999999', /at most/],
    ['1e-400', /more than 8 decimal places/],
    ['-1', /greater than 0/],
    ['0', /greater than 0/],
  ])('refuses the quantity %s by the rule it breaks, not by what a double makes of it', (text, rule) => {
    expect(() => quantityOf(`{"quantity":${text}}`)).toThrow(rule);
  });

  it('property: every quantity of at most 8 decimals up to 1e9 reads exactly, in plain and exponent form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 100_000_000_000_000_000n }), (units) => {
        const plain = formatAmount('BTC', units);
        expect(quantityOf(`{"quantity":${plain}}`)).toBe(units);
        expect(quantityOf(`{"quantity":${units}e-8}`)).toBe(units);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a ninth decimal place is refused however many digits come before it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 17n }), fc.integer({ min: 1, max: 9 }), (units, ninth) => {
        const text = `${formatAmount('BTC', units - 1n)}${ninth}`;
        expect(() => quantityOf(`{"quantity":${text}}`)).toThrow(/more than 8 decimal places/);
      }),
      { numRuns: 1000 },
    );
  });

  it('counts the places of a number by its value: 100.50 and 1.000 are fine as cash', () => {
    const amountOf = (body: string) =>
      parseCashAmount((parseJsonExactly(body) as { amount: unknown }).amount);
    expect(amountOf('{"amount":100.50}')).toBe(10_050n);
    expect(amountOf('{"amount":1.000}')).toBe(100n);
    expect(() => amountOf('{"amount":0.30000000000000001}')).toThrow(/more than 2 decimal places/);
  });

  it('fingerprints a number by its value, apart from strings and from any other value', () => {
    const of = (body: string) => fingerprintOf('POST /orders/buy', parseJsonExactly(body));
    expect(of('{"quantity":100.5}')).toBe(of('{"quantity":1.005e2}'));
    expect(of('{"quantity":100.5}')).toBe(of('{"quantity":100.50}'));
    expect(of('{"quantity":987654321.87654321}')).not.toBe(of('{"quantity":987654321.8765432}'));
    expect(of('{"quantity":100}')).not.toBe(of('{"quantity":"100"}'));
    // As when bodies were read with JSON.parse, so a retry across the upgrade still replays.
    expect(of('{"quantity":100.50}')).toBe(fingerprintOf('POST /orders/buy', { quantity: 100.5 }));
  });

  it('property: a number a double holds is written as JavaScript writes that double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(new NumberLiteral(JSON.stringify(value)).canonical()).toBe(JSON.stringify(value));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['not JSON', '{"amount":'],
    ['a trailing comma', '{"amount":"1",}'],
    ['a leading zero', '{"amount":01}'],
    ['a bare point', '{"amount":1.}'],
    ['a plus sign', '{"amount":+1}'],
    ['NaN', '{"amount":NaN}'],
    ['a raw control character in a string', '{"amount":"1\u0001"}'],
    ['deep nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
  ])('refuses %s with a ValidationError, never another error', (_label, body) => {
    expect(() => parseJsonExactly(body)).toThrow(ValidationError);
  });

  it('refuses a key given twice with two values: which one counts would be a guess', () => {
    expect(() => parseJsonExactly('{"amount":"1.00","amount":"1000.00"}')).toThrow(/appears twice/);
    expect(parseJsonExactly('{"amount":"1.00","amount":"1.00"}')).toEqual({ amount: '1.00' });
  });

  it('keeps "__proto__" an ordinary key, as JSON.parse does', () => {
    const parsed = parseJsonExactly('{"__proto__":{"isAdmin":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });
});
