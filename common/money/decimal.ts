import { ValidationError } from '../errors';

/**
 * Exact decimals as bigint minor units: "100.50" at scale 2 is 10050n. Binary floating point never
 * touches an amount. A JSON number is read through its shortest decimal text; that is the client's
 * literal because the HTTP adapter refuses any literal a double cannot carry exactly
 * (common/http/exact-json-numbers.ts).
 */

const PLAIN_DECIMAL = /^[0-9]+(?:\.[0-9]+)?$/;

export interface DecimalLimits {
  /** Largest allowed value, in minor units, inclusive. */
  readonly max: bigint;
  /** Admit zero (a daily limit of 0 blocks); amounts, quantities and prices never do. */
  readonly zeroAllowed?: boolean;
}

export function pow10(scale: number): bigint {
  return 10n ** BigInt(scale);
}

/** The text a JSON number stands for, without an exponent, or undefined when it has none. */
function plainTextOfNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const pointAt = whole.length + Number(exponentText);
  if (pointAt <= 0) return `0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return digits + '0'.repeat(pointAt - digits.length);
  return `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/**
 * Parses a positive decimal (or zero, where `zeroAllowed`) with at most `scale` decimal places into minor units.
 * Accepts a JSON string holding a plain decimal, or a finite JSON number.
 */
export function parsePositiveDecimal(
  input: unknown,
  scale: number,
  field: string,
  limits: DecimalLimits,
): bigint {
  let text: string | undefined;
  if (typeof input === 'string') text = input;
  else if (typeof input === 'number') text = plainTextOfNumber(input);
  else throw new ValidationError(`${field} must be a decimal string such as "100.00".`);

  if (text === undefined || !PLAIN_DECIMAL.test(text)) {
    throw new ValidationError(
      `${field} must be a plain decimal such as "100.00": digits and at most one point, with no sign, exponent or spaces.`,
    );
  }
  const [whole = '', fraction = ''] = text.split('.');
  if (fraction.length > scale) {
    throw new ValidationError(`${field} has more than ${scale} decimal places.`);
  }
  const minor = BigInt(whole) * pow10(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  if (minor === 0n && !limits.zeroAllowed) throw new ValidationError(`${field} must be greater than 0.`);
  if (minor > limits.max) {
    throw new ValidationError(`${field} must be at most ${formatDecimal(limits.max, scale)}.`);
  }
  return minor;
}

/** Formats minor units at the full scale: 10050n at scale 2 is "100.50"; a debit keeps its sign. */
export function formatDecimal(minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const magnitude = negative ? -minor : minor;
  const unit = pow10(scale);
  const whole = (magnitude / unit).toString();
  const sign = negative ? '-' : '';
  if (scale === 0) return sign + whole;
  const fraction = (magnitude % unit).toString().padStart(scale, '0');
  return `${sign}${whole}.${fraction}`;
}
