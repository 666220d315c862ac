import { randomBytes } from 'node:crypto';

/**
 * Time-ordered ids (ULID layout, Crockford base32): sorting them sorts by creation time, so a query
 * on `TX#` or `ORDER#` read backwards lists newest first. Monotonic within one process, so ids made
 * in the same millisecond (a trade's two ledger entries) keep their order.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    out = (ALPHABET[rest % 32] ?? '0') + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const digit = next[i] ?? 0;
    if (digit < 31) {
      next[i] = digit + 1;
      return next;
    }
    next[i] = 0;
  }
  // Wrapping to zero would sort before the previous id; the ULID spec says to fail instead.
  throw new Error('ulid: more ids in one millisecond than the random part can order');
}

export function ulid(now: number = Date.now()): string {
  if (now <= lastTime) {
    lastRandom = increment(lastRandom);
  } else {
    lastTime = now;
    lastRandom = [...randomBytes(16)].map((byte) => byte % 32);
  }
  return encodeTime(lastTime) + lastRandom.map((digit) => ALPHABET[digit]).join('');
}

const ULID_TEXT = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Whether `text` can be a ULID: 26 characters of Crockford base32. */
export const isUlid = (text: string): boolean => ULID_TEXT.test(text);
