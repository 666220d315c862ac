import { ValidationError } from '../errors';
import { NumberLiteral } from './number-literal';

/**
 * Exact decimals as bigint minor units: "100.50" at scale 2 is 10050n. Binary floating point never
 * touches an amount: a number the client sent as a JSON number arrives as its literal text
 * (NumberLiteral) and is read as the decimal it writes.
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

function fromPlainDecimal(text: string, scale: number, field: string): bigint {
  if (!PLAIN_DECIMAL.test(text)) {
    throw new ValidationError(
      `${field} must be a plain decimal such as "100.00": digits and at most one point, with no sign, exponent or spaces.`,
    );
  }
  const [whole = '', fraction = ''] = text.split('.');
  if (fraction.length > scale) {
    throw new ValidationError(`${field} has more than ${scale} decimal places.`);
  }
  return BigInt(whole) * pow10(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
}

/** The literal's value in minor units, or undefined when it has more digits than `max` (so is over it). */
function fromNumberLiteral(
  literal: NumberLiteral,
  scale: number,
  field: string,
  max: bigint,
): bigint | undefined {
  if (literal.negative) throw new ValidationError(`${field} must be greater than 0.`);
  if (literal.digits === '') return 0n;
  const shift = literal.exponent + scale;
  if (shift < 0) throw new ValidationError(`${field} has more than ${scale} decimal places.`);
  if (literal.digits.length + shift > max.toString().length) return undefined;
  return BigInt(literal.digits) * pow10(shift);
}

/**
 * Parses a positive decimal (or zero, where `zeroAllowed`) with at most `scale` decimal places into minor units. Accepts a string
 * holding a plain decimal (its trailing zeros count as places), or a number literal of any form
 * (read as its exact value).
 */
export function parsePositiveDecimal(
  input: unknown,
  scale: number,
  field: string,
  limits: DecimalLimits,
): bigint {
  let minor: bigint | undefined;
  if (typeof input === 'string') minor = fromPlainDecimal(input, scale, field);
  else if (input instanceof NumberLiteral) minor = fromNumberLiteral(input, scale, field, limits.max);
  else throw new ValidationError(`${field} must be a decimal string such as "100.00".`);
  if (minor === 0n && !limits.zeroAllowed) throw new ValidationError(`${field} must be greater than 0.`);
  if (minor === undefined || minor > limits.max) {
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
