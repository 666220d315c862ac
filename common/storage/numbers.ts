/**
 * Reads numbers from items fetched with `wrapNumbers`, where each number arrives as `{ value: string }`.
 * Items built by our own code hold bigint or number; both are accepted.
 */
type Stored = { value: string } | bigint | number | string | undefined | null;

function textOf(stored: Stored): string | undefined {
  if (stored === undefined || stored === null) return undefined;
  if (typeof stored === 'object') return stored.value;
  return String(stored);
}

export function readBigInt(stored: unknown, fallback?: bigint): bigint {
  const text = textOf(stored as Stored);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error('Expected a stored number, found none');
  }
  return BigInt(text);
}

export function readInt(stored: unknown, fallback?: number): number {
  const text = textOf(stored as Stored);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error('Expected a stored number, found none');
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`Stored number ${text} is not a safe integer`);
  return value;
}
