import { type DecimalLimits, formatDecimal, parsePositiveDecimal, pow10 } from './decimal';

/** The cash asset. Every other symbol is a tradable asset quantity. */
export const CASH = 'USD';
export const CASH_SCALE = 2;
export const QUANTITY_SCALE = 8;
export const PRICE_SCALE = 2;

/** Every amount and quantity is at most 1,000,000,000 (the contract's limit). */
const MAX_WHOLE_UNITS = 1_000_000_000n;
const limitsAt = (scale: number): DecimalLimits => ({ max: MAX_WHOLE_UNITS * pow10(scale) });

/** Scale of the minor units in which an asset's balances are kept. */
export function scaleOf(asset: string): number {
  return asset === CASH ? CASH_SCALE : QUANTITY_SCALE;
}

export function formatAmount(asset: string, minor: bigint): string {
  return formatDecimal(minor, scaleOf(asset));
}

export function parseCashAmount(input: unknown, field = 'amount'): bigint {
  return parsePositiveDecimal(input, CASH_SCALE, field, limitsAt(CASH_SCALE));
}

/** A daily limit in cents: like an amount, but 0 is allowed. */
export function parseDailyLimit(input: unknown, field: string): bigint {
  return parsePositiveDecimal(input, CASH_SCALE, field, { ...limitsAt(CASH_SCALE), zeroAllowed: true });
}

export function parseQuantity(input: unknown, field = 'quantity'): bigint {
  return parsePositiveDecimal(input, QUANTITY_SCALE, field, limitsAt(QUANTITY_SCALE));
}

export function parsePrice(input: unknown, field = 'price'): bigint {
  return parsePositiveDecimal(input, PRICE_SCALE, field, limitsAt(PRICE_SCALE));
}

export function formatPrice(minor: bigint): string {
  return formatDecimal(minor, PRICE_SCALE);
}
