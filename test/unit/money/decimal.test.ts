import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../common/errors';
import {
  CASH_SCALE,
  formatAmount,
  formatPrice,
  PRICE_SCALE,
  parseCashAmount,
  parsePrice,
  parseQuantity,
  QUANTITY_SCALE,
  scaleOf,
} from '../../../common/money/amounts';
import { formatDecimal, parsePositiveDecimal, pow10 } from '../../../common/money/decimal';
import { NumberLiteral } from '../../../common/money/number-literal';

const MAX_WHOLE = 1_000_000_000n;
const limitsAt = (scale: number) => ({ max: MAX_WHOLE * pow10(scale) });
/** A JSON number as the HTTP adapter hands it over: its literal, here the shortest text of `value`. */
const literal = (value: number | string) => new NumberLiteral(String(value));

/** Asserts that `run` throws a ValidationError whose message names `field`. */
function expectValidationError(run: () => unknown, field: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  const error = caught as ValidationError;
  expect(error.code).toBe('VALIDATION_ERROR');
  expect(error.name).toBe('ValidationError');
  expect(error.message).toContain(field);
}

// ---------------------------------------------------------------------------------------------
// An independent decimal adder working on digit strings only (no bigint, no floats), used as the
// oracle for the "sums are exact" property.
// ---------------------------------------------------------------------------------------------

/** Splits a plain decimal into whole digits and exactly `scale` fraction digits. */
function splitAtScale(text: string, scale: number): { whole: string; fraction: string } {
  const [whole = '', fraction = ''] = text.split('.');
  return { whole, fraction: fraction.padEnd(scale, '0') };
}

/** Adds two unsigned digit strings of equal length, right to left, with carry. */
function addDigitStrings(a: string, b: string): string {
  const width = Math.max(a.length, b.length);
  const left = a.padStart(width, '0');
  const right = b.padStart(width, '0');
  let carry = 0;
  let out = '';
  for (let i = width - 1; i >= 0; i--) {
    const sum = left.charCodeAt(i) - 48 + (right.charCodeAt(i) - 48) + carry;
    out = String(sum % 10) + out;
    carry = sum >= 10 ? 1 : 0;
  }
  return carry ? `1${out}` : out;
}

/** Sum of plain decimals, written at exactly `scale` places with no superfluous leading zeros. */
function stringDecimalSum(values: readonly string[], scale: number): string {
  let total = '0'.repeat(scale + 1);
  for (const value of values) {
    const { whole, fraction } = splitAtScale(value, scale);
    total = addDigitStrings(total, whole + fraction);
  }
  const wholePart = total.slice(0, total.length - scale).replace(/^0+(?=\d)/, '');
  const fractionPart = total.slice(total.length - scale);
  return scale === 0 ? wholePart : `${wholePart || '0'}.${fractionPart}`;
}

describe('string-adder oracle (sanity)', () => {
  it('adds digit-wise with carries', () => {
    expect(stringDecimalSum(['0.1', '0.2'], 2)).toBe('0.30');
    expect(stringDecimalSum(['99.99', '0.01'], 2)).toBe('100.00');
    expect(stringDecimalSum(['999999999.99', '999999999.99'], 2)).toBe('1999999999.98');
    expect(stringDecimalSum([], 8)).toBe('0.00000000');
    expect(stringDecimalSum(['0.00000001', '7'], 8)).toBe('7.00000001');
  });
});

/** A plain decimal string with 0..scale fraction digits, > 0 and ≤ 1e9, built without formatDecimal. */
const plainDecimalAt = (scale: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.integer({ min: 0, max: 999_999_999 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: scale }),
    )
    .map(([whole, digits]) => (digits.length === 0 ? String(whole) : `${whole}.${digits.join('')}`))
    .filter((text) => /[1-9]/.test(text));

// ---------------------------------------------------------------------------------------------

describe('formatDecimal', () => {
  it('writes cash and quantities at full scale', () => {
    expect(formatDecimal(10050n, 2)).toBe('100.50');
    expect(formatDecimal(1n, 2)).toBe('0.01');
    expect(formatDecimal(1_000_000n, 8)).toBe('0.01000000');
    expect(formatDecimal(1n, 8)).toBe('0.00000001');
    expect(formatDecimal(123_456_789_012n, 8)).toBe('1234.56789012');
    expect(formatDecimal(100_000_000_000n, 2)).toBe('1000000000.00');
  });

  it('writes zero at full scale', () => {
    expect(formatDecimal(0n, 2)).toBe('0.00');
    expect(formatDecimal(0n, 8)).toBe('0.00000000');
    expect(formatDecimal(0n, 0)).toBe('0');
  });

  it('keeps the sign of a debit', () => {
    expect(formatDecimal(-3000n, 2)).toBe('-30.00');
    expect(formatDecimal(-1n, 2)).toBe('-0.01');
    expect(formatDecimal(-5n, 8)).toBe('-0.00000005');
    expect(formatDecimal(-12n, 0)).toBe('-12');
  });

  it('never writes "-0"', () => {
    expect(formatDecimal(-0n, 2)).toBe('0.00');
  });

  it('formatAmount and formatPrice use the scale of the asset', () => {
    expect(scaleOf('USD')).toBe(CASH_SCALE);
    expect(scaleOf('BTC')).toBe(QUANTITY_SCALE);
    expect(formatAmount('USD', 10050n)).toBe('100.50');
    expect(formatAmount('BTC', 1_000_000n)).toBe('0.01000000');
    expect(formatPrice(5_000_000n)).toBe('50000.00');
    expect(PRICE_SCALE).toBe(2);
  });

  it('property: always exactly `scale` decimals, and negation only adds a leading "-"', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.constantFrom(1, 2, 8, 18), (minor, scale) => {
        const text = formatDecimal(minor, scale);
        expect(text).toMatch(new RegExp(`^(0|[1-9][0-9]*)\\.[0-9]{${scale}}$`));
        if (minor > 0n) expect(formatDecimal(-minor, scale)).toBe(`-${text}`);
      }),
    );
  });
});

describe('parse/format round trip', () => {
  it('property: parsePositiveDecimal(formatDecimal(m, s), s) === m for m in (0, 1e9 * 10^s]', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(2, 8)
          .chain((scale) =>
            fc.tuple(fc.constant(scale), fc.bigInt({ min: 1n, max: MAX_WHOLE * pow10(scale) })),
          ),
        ([scale, minor]) => {
          const text = formatDecimal(minor, scale);
          const [, fraction = ''] = text.split('.');
          expect(fraction).toHaveLength(scale);
          expect(parsePositiveDecimal(text, scale, 'value', limitsAt(scale))).toBe(minor);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips the boundaries', () => {
    for (const scale of [2, 8]) {
      const max = MAX_WHOLE * pow10(scale);
      expect(parsePositiveDecimal(formatDecimal(1n, scale), scale, 'v', limitsAt(scale))).toBe(1n);
      expect(parsePositiveDecimal(formatDecimal(max, scale), scale, 'v', limitsAt(scale))).toBe(max);
      expectValidationError(
        () => parsePositiveDecimal(formatDecimal(max + 1n, scale), scale, 'v', limitsAt(scale)),
        'v',
      );
    }
  });

  it('property: a plain decimal string parses to its value and formats back padded to scale', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2, 8).chain((scale) => fc.tuple(fc.constant(scale), plainDecimalAt(scale))),
        ([scale, text]) => {
          const minor = parsePositiveDecimal(text, scale, 'v', limitsAt(scale));
          expect(formatDecimal(minor, scale)).toBe(stringDecimalSum([text], scale));
        },
      ),
    );
  });
});

describe('sums are exact', () => {
  it('ten deposits of "0.10" make "1.00"', () => {
    let total = 0n;
    for (let i = 0; i < 10; i++) total += parseCashAmount('0.10');
    expect(total).toBe(100n);
    expect(formatAmount('USD', total)).toBe('1.00');
  });

  it('"0.1" + "0.2" is "0.30"', () => {
    expect(formatAmount('USD', parseCashAmount('0.1') + parseCashAmount('0.2'))).toBe('0.30');
  });

  it('0.1 + 0.2 given as JSON numbers is still exactly 0.30', () => {
    expect(formatAmount('USD', parseCashAmount(literal(0.1)) + parseCashAmount(literal(0.2)))).toBe('0.30');
  });

  it('property: formatted sum of parsed cash amounts equals digit-wise string addition', () => {
    fc.assert(
      fc.property(fc.array(plainDecimalAt(CASH_SCALE), { minLength: 1, maxLength: 20 }), (amounts) => {
        const total = amounts.reduce((sum, amount) => sum + parseCashAmount(amount), 0n);
        expect(formatAmount('USD', total)).toBe(stringDecimalSum(amounts, CASH_SCALE));
      }),
    );
  });

  it('property: formatted sum of parsed quantities equals digit-wise string addition', () => {
    fc.assert(
      fc.property(fc.array(plainDecimalAt(QUANTITY_SCALE), { minLength: 1, maxLength: 20 }), (quantities) => {
        const total = quantities.reduce((sum, quantity) => sum + parseQuantity(quantity), 0n);
        expect(formatAmount('BTC', total)).toBe(stringDecimalSum(quantities, QUANTITY_SCALE));
      }),
    );
  });
});

describe('parseCashAmount refusals', () => {
  const refusedStrings = [
    '1e3',
    '1E3',
    '-5',
    '0',
    '0.00',
    '00.00',
    '12.345',
    '1.000',
    '',
    ' 1',
    '1 ',
    '1\n',
    '\t1',
    '+1',
    '1,000',
    '1_000',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '0b1',
    '0o7',
    '١٢', // Arabic-Indic digits
    '۱', // Extended Arabic-Indic digit
    '１', // fullwidth digit
    '.5',
    '5.',
    '.',
    '1.2.3',
    '00.001',
    '1000000001',
    '1000000000.01',
    '99999999999999999999999999',
    'abc',
    '1a',
  ];

  it.each(refusedStrings.map((value) => [JSON.stringify(value), value]))(
    'refuses the string %s',
    (_label, value) => {
      expectValidationError(() => parseCashAmount(value), 'amount');
    },
  );

  const refusedOther: ReadonlyArray<[string, unknown]> = [
    ['null', null],
    ['undefined', undefined],
    ['true', true],
    ['false', false],
    ['{}', {}],
    ['[]', []],
    ['["1"]', ['1']],
    ['{ value: "1" }', { value: '1' }],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['the JS number 100 (only a literal is read)', 100],
    ['-1', literal('-1')],
    ['-0.01', literal('-0.01')],
    ['0', literal('0')],
    ['-0', literal('-0')],
    ['0e999999999', literal('0e999999999')],
    ['1e-3', literal('1e-3')],
    ['0.001', literal('0.001')],
    ['12.345', literal('12.345')],
    ['0.30000000000000001', literal('0.30000000000000001')],
    ['1000000000.01', literal('1000000000.01')],
    ['1000000001', literal('1000000001')],
    ['1e21', literal('1e21')],
    ['1e999999999', literal('1e999999999')],
    ['1e-999999999', literal('1e-999999999')],
    ['5e-324 (Number.MIN_VALUE)', literal('5e-324')],
    ['100n (bigint)', 100n],
  ];

  it.each(refusedOther)('refuses %s', (_label, value) => {
    expectValidationError(() => parseCashAmount(value), 'amount');
  });

  it('names the caller-supplied field in every refusal', () => {
    for (const value of ['', '-5', '12.345', '1000000001', '0', null, literal('1e-3')]) {
      expectValidationError(() => parseCashAmount(value, 'depositAmount'), 'depositAmount');
    }
    expectValidationError(() => parseQuantity('abc', 'sellQuantity'), 'sellQuantity');
    expectValidationError(() => parsePrice('1.001', 'limitPrice'), 'limitPrice');
  });

  it('explains which rule was broken', () => {
    expect(() => parseCashAmount('12.345')).toThrow(/more than 2 decimal places/);
    expect(() => parseCashAmount('0')).toThrow(/greater than 0/);
    expect(() => parseCashAmount('1000000001')).toThrow(/at most 1000000000\.00/);
    expect(() => parseCashAmount('1e3')).toThrow(/plain decimal/);
    expect(() => parseCashAmount(null)).toThrow(/decimal string/);
  });

  it('property: any string containing a character other than digits and one point is refused', () => {
    fc.assert(
      fc.property(
        plainDecimalAt(CASH_SCALE),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 3 }).filter((junk) => /[^0-9.]/.test(junk)),
        (valid, at, junk) => {
          const position = at % (valid.length + 1);
          const corrupted = valid.slice(0, position) + junk + valid.slice(position);
          expectValidationError(() => parseCashAmount(corrupted), 'amount');
        },
      ),
    );
  });
});

describe('parseCashAmount accepts', () => {
  const accepted: ReadonlyArray<[unknown, bigint]> = [
    ['100', 10000n],
    ['100.5', 10050n],
    ['100.50', 10050n],
    ['0.01', 1n],
    ['0.1', 10n],
    ['7', 700n],
    [literal('100'), 10000n],
    [literal('100.5'), 10050n],
    [literal('100.50'), 10050n],
    [literal('1.000'), 100n],
    [literal('0.1'), 10n],
    [literal('0.01'), 1n],
    [literal('1e9'), 100_000_000_000n],
    [literal('999999999.99'), 99_999_999_999n],
    ['1000000000', 100_000_000_000n],
    ['1000000000.00', 100_000_000_000n],
    ['999999999.99', 99_999_999_999n],
  ];

  it.each(accepted)('parses %j as %s cents', (input, cents) => {
    expect(parseCashAmount(input)).toBe(cents);
  });

  it('property: a JSON number c/100 parses to exactly c cents (no float error)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000_000 }), (cents) => {
        expect(parseCashAmount(literal(cents / 100))).toBe(BigInt(cents));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseQuantity', () => {
  it('accepts 8 decimals and refuses 9', () => {
    expect(parseQuantity('0.00000001')).toBe(1n);
    expect(parseQuantity('1.23456789')).toBe(123_456_789n);
    expect(parseQuantity('0.01')).toBe(1_000_000n);
    expectValidationError(() => parseQuantity('0.000000001'), 'quantity');
    expectValidationError(() => parseQuantity('1.234567891'), 'quantity');
    expectValidationError(() => parseQuantity('1.000000000'), 'quantity');
    expect(() => parseQuantity('0.000000001')).toThrow(/more than 8 decimal places/);
  });

  it('accepts JSON numbers written with an exponent when the value fits 8 decimals', () => {
    expect(String(1e-7)).toBe('1e-7'); // the case that needs exponent handling
    expect(parseQuantity(literal('1e-7'))).toBe(10n);
    expect(parseQuantity(literal('1e-8'))).toBe(1n);
    expect(parseQuantity(literal('1.5e-7'))).toBe(15n);
    expect(parseQuantity(literal('1.234e-5'))).toBe(1234n);
    expect(parseQuantity(literal('0.000001'))).toBe(100n);
    expectValidationError(() => parseQuantity(literal('1e-9')), 'quantity');
    expectValidationError(() => parseQuantity(literal('1.2345e-5')), 'quantity');
    expectValidationError(() => parseQuantity(literal('-1e-7')), 'quantity');
  });

  it('expands large exponents exactly', () => {
    const huge = { max: 10n ** 40n };
    expect(parsePositiveDecimal(literal('1e21'), 0, 'v', huge)).toBe(10n ** 21n);
    expect(parsePositiveDecimal(literal('1.5e22'), 0, 'v', huge)).toBe(15n * 10n ** 21n);
    expect(parsePositiveDecimal(literal('1.5e21'), 2, 'v', huge)).toBe(15n * 10n ** 22n);
  });

  it('honours the 1e9 limit at 8 decimals', () => {
    expect(parseQuantity('1000000000')).toBe(100_000_000_000_000_000n);
    expect(parseQuantity('1000000000.00000000')).toBe(100_000_000_000_000_000n);
    expectValidationError(() => parseQuantity('1000000000.00000001'), 'quantity');
    expect(() => parseQuantity('1000000000.00000001')).toThrow(/at most 1000000000\.00000000/);
  });

  it('property: a JSON number q/1e8 (≤ 15 significant digits) parses to exactly q', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999_999 }), (units) => {
        expect(parseQuantity(literal(units / 1e8))).toBe(BigInt(units));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: tiny JSON numbers written with an exponent parse exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (units) => {
        // units / 1e8 < 1e-6, so String() uses an exponent ("5e-8", "1.2e-7").
        const value = units / 1e8;
        expect(String(value)).toContain('e-');
        expect(parseQuantity(literal(value))).toBe(BigInt(units));
      }),
    );
  });
});

describe('parsePrice', () => {
  it('accepts 2 decimals and refuses 3', () => {
    expect(parsePrice('50000.00')).toBe(5_000_000n);
    expect(parsePrice('150')).toBe(15_000n);
    expect(parsePrice(literal(150.25))).toBe(15_025n);
    expectValidationError(() => parsePrice('150.001'), 'price');
    expectValidationError(() => parsePrice('0'), 'price');
    expectValidationError(() => parsePrice('-150'), 'price');
  });
});
