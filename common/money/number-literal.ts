import { ValidationError } from '../errors';

const NUMERAL = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/**
 * A number as the client wrote it, such as the JSON literal `987654321.87654321` or `1e-7`, read
 * as the exact decimal it denotes. A binary double holds neither of those two exactly, so the text
 * is kept and never turned into a `number`.
 *
 * The value is `digits` × 10^`exponent`, with no leading or trailing zero in `digits` (empty for
 * zero): `100.50` is ("1005", -1). Like a JSON number, it is a value, so trailing zeros of the
 * literal are not decimal places: `1.000` is 1.
 */
export class NumberLiteral {
  readonly negative: boolean;
  readonly digits: string;
  /** Can be huge (`1e999999999`): nothing may expand it into digits before checking its range. */
  readonly exponent: number;

  constructor(readonly text: string) {
    const match = NUMERAL.exec(text);
    if (!match) throw new ValidationError(`${text.slice(0, 40)} is not a number.`);
    const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
    let digits = (whole + fraction).replace(/^0+/, '');
    let power = Number(exponent) - fraction.length;
    const significant = digits.replace(/0+$/, '');
    power += digits.length - significant.length;
    digits = significant;
    this.negative = sign === '-' && digits !== '';
    this.digits = digits;
    this.exponent = digits === '' ? 0 : power;
  }

  /**
   * The same text for every literal of one value, laid out as JavaScript writes a number:
   * `100.50` and `1.005e2` give "100.5", `1e-7` gives "1e-7". Where a double holds the value
   * exactly, this is `String(Number(text))`, so fingerprints of such bodies are what they were
   * when bodies were read with JSON.parse; where it does not, the digits are all kept.
   */
  canonical(): string {
    const { digits, exponent } = this;
    if (digits === '') return '0';
    if (!Number.isSafeInteger(exponent)) return this.text;
    const sign = this.negative ? '-' : '';
    const point = exponent + digits.length;
    if (digits.length <= point && point <= 21) return sign + digits + '0'.repeat(point - digits.length);
    if (0 < point && point <= 21) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
    if (-6 < point && point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${mantissa}e${point - 1 < 0 ? '-' : '+'}${Math.abs(point - 1)}`;
  }
}
