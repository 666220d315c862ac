/**
 * Decimal text ↔ minor units for the checker. Deliberately not common/money: a checker that parsed
 * answers with the code under test would share its bugs and could not see them.
 */
export const CASH = 'USD';

export function scaleOf(asset: string): number {
  return asset === CASH ? 2 : 8;
}

const DECIMAL = /^(-?)(\d+)\.(\d+)$/;

/**
 * Minor units of a decimal the API wrote, or undefined when it is not written at the asset's full
 * scale (the contract promises "100.50", never "100.5").
 */
export function parseMinor(text: unknown, scale: number): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (fraction.length !== scale) return undefined;
  const magnitude = BigInt(whole + fraction);
  return sign === '-' ? -magnitude : magnitude;
}

export function formatMinor(minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** quantity (8 places) × price (2 places) in cents: a buyer pays rounded up, a seller gets rounded down. */
export function expectedTradeTotal(side: 'BUY' | 'SELL', quantity: bigint, price: bigint): bigint {
  const exact = quantity * price;
  const unit = 10n ** 8n;
  const floor = exact / unit;
  return side === 'BUY' && exact % unit !== 0n ? floor + 1n : floor;
}
