import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type UlidFn = (now?: number) => string;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID_SHAPE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The module keeps its last time and randomness, so each test gets a fresh copy. */
async function freshUlid(): Promise<UlidFn> {
  vi.resetModules();
  const module = await import('../../../common/ids/ulid');
  return module.ulid;
}

/** Decodes the first 10 characters back to a millisecond timestamp. */
function decodeTime(id: string): number {
  let time = 0;
  for (const char of id.slice(0, 10)) time = time * 32 + CROCKFORD.indexOf(char);
  return time;
}

/** Decodes the last 16 characters (80 random bits) to a bigint. */
function decodeRandom(id: string): bigint {
  let value = 0n;
  for (const char of id.slice(10)) value = value * 32n + BigInt(CROCKFORD.indexOf(char));
  return value;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe('ulid', () => {
  let ulid: UlidFn;
  beforeEach(async () => {
    vi.doUnmock('node:crypto');
    ulid = await freshUlid();
  });

  it('is 26 characters of the Crockford base32 alphabet (no I, L, O, U)', () => {
    for (let i = 0; i < 200; i++) {
      const id = ulid();
      expect(id).toHaveLength(26);
      expect(id).toMatch(ULID_SHAPE);
    }
  });

  it('encodes the given time in its first 10 characters', () => {
    const now = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
    const id = ulid(now);
    expect(decodeTime(id)).toBe(now);
    expect(decodeTime(ulid(now + 1))).toBe(now + 1);
  });

  it('encodes the extremes of the 48-bit time range', async () => {
    expect(ulid(0).slice(0, 10)).toBe('0000000000');
    const later = await freshUlid();
    expect(later(2 ** 48 - 1).slice(0, 10)).toBe('7ZZZZZZZZZ');
  });

  it('is strictly increasing for ids made in the same millisecond', () => {
    const now = Date.UTC(2031, 5, 6);
    const ids = Array.from({ length: 1000 }, () => ulid(now));
    for (let i = 1; i < ids.length; i++) {
      const previous = ids[i - 1] ?? '';
      const current = ids[i] ?? '';
      expect(compare(previous, current)).toBe(-1);
      expect(current.slice(0, 10)).toBe(previous.slice(0, 10));
      // the ULID monotonic rule: same millisecond means the random part plus exactly one
      expect(decodeRandom(current)).toBe(decodeRandom(previous) + 1n);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never goes backwards when the clock does', () => {
    const first = ulid(Date.UTC(2032, 0, 1));
    const second = ulid(Date.UTC(2031, 0, 1));
    expect(compare(first, second)).toBe(-1);
  });

  it('property: ids sort by time across milliseconds, whatever their random part', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 48 - 1 }), { minLength: 2, maxLength: 20 }),
        async (times) => {
          const ascending = [...times].sort((a, b) => a - b);
          // A fresh module per time, so monotonic state cannot be what orders them.
          const ids: string[] = [];
          for (const time of ascending) {
            const make = await freshUlid();
            ids.push(make(time));
          }
          const shuffled = [...ids].reverse().sort(compare);
          expect(shuffled).toEqual(ids);
          expect(ids.map(decodeTime)).toEqual(ascending);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('property: a sequence over non-decreasing times is strictly increasing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 200 }),
        (offset, steps) => {
          // later than any time used before in this module, so the clock never appears to go back
          let time = Date.UTC(2033, 0, 1) + offset * 10_000;
          const ids = steps.map((step) => {
            time += step;
            return ulid(time);
          });
          for (let i = 1; i < ids.length; i++) {
            expect(compare(ids[i - 1] ?? '', ids[i] ?? '')).toBe(-1);
            expect(decodeTime(ids[i] ?? '')).toBeGreaterThanOrEqual(decodeTime(ids[i - 1] ?? ''));
          }
        },
      ),
    );
  });
});

describe('ulid randomness overflow within one millisecond', () => {
  beforeEach(() => {
    vi.resetModules();
  });
  afterEach(() => {
    vi.doUnmock('node:crypto');
    vi.resetModules();
  });

  it('the mocked randomness really yields an all-Z random part (guards the test below)', async () => {
    vi.doMock('node:crypto', () => ({ randomBytes: (size: number) => Buffer.alloc(size, 0xff) }));
    const { ulid } = await import('../../../common/ids/ulid');
    expect(ulid(Date.UTC(2034, 0, 1)).slice(10)).toBe('Z'.repeat(16));
  });

  // Wrapping the 80-bit random part to all 0 would sort the next id BEFORE the previous one; the
  // ULID spec says to fail instead, and so does ulid().
  it('refuses to wrap when the random part is exhausted, rather than going backwards', async () => {
    vi.doMock('node:crypto', () => ({ randomBytes: (size: number) => Buffer.alloc(size, 0xff) }));
    const { ulid } = await import('../../../common/ids/ulid');
    const now = Date.UTC(2034, 0, 1);
    const first = ulid(now);
    expect(first.slice(10)).toBe('Z'.repeat(16));
    expect(() => ulid(now)).toThrow(/more ids in one millisecond/);
  });
});
