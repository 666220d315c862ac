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

  /** The same text for every literal of one value: `100.5`, `100.50` and `1.005e2` give "1005e-1". */
  canonical(): string {
    return this.digits === '' ? '0' : `${this.negative ? '-' : ''}${this.digits}e${this.exponent}`;
  }
}
