import { ValidationError } from '../errors';

/**
 * JSON.parse turns every number literal into a binary double, so `0.30000000000000001` arrives as
 * 0.3 and `999999999.99999999` as 1000000000: what the money code would then parse is not what the
 * client wrote. Node 20 has no way to see a literal's source text from JSON.parse, so the raw body is
 * scanned instead, and any number literal that a double cannot carry exactly is refused.
 */
const NUMBER_LITERAL = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** A decimal as significant digits and the power of ten of the last one: 100.50 is ("1005", -1). */
function canonical(text: string): string {
  const match = /^-?([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!match) return text;
  const [, whole = '', fraction = '', exponent = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  let power = Number(exponent) - fraction.length;
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    power++;
  }
  return digits === '' ? '0' : `${text.startsWith('-') ? '-' : ''}${digits}e${power}`;
}

function numberLiterals(text: string): string[] {
  const literals: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      NUMBER_LITERAL.lastIndex = i;
      const literal = NUMBER_LITERAL.exec(text)?.[0];
      if (literal) {
        literals.push(literal);
        i += literal.length - 1;
      }
    }
  }
  return literals;
}

/** Refuses a body with a number literal that does not survive JSON.parse exactly. */
export function assertExactJsonNumbers(text: string): void {
  for (const literal of numberLiterals(text)) {
    const parsed = Number(literal);
    if (!Number.isFinite(parsed) || canonical(literal) !== canonical(String(parsed))) {
      throw new ValidationError(
        `The number ${literal.slice(0, 40)} cannot be read exactly; send amounts and quantities as strings, such as "0.30".`,
      );
    }
  }
}
