import { ValidationError } from '../errors';
import { CASH_SCALE, PRICE_SCALE, QUANTITY_SCALE } from '../money/amounts';
import { pow10 } from '../money/decimal';

/** One cent in the units of quantity × price, which carry QUANTITY_SCALE + PRICE_SCALE places. */
const ONE_CENT = pow10(QUANTITY_SCALE + PRICE_SCALE - CASH_SCALE);

/**
 * The contract refuses orders worth less than 0.01 USD. Judged on the exact product: a BUY's total
 * rounds up to a cent, so the rounded total would let a worthless order through.
 */
export function isBelowMinimumTotal(quantity: bigint, price: bigint): boolean {
  return quantity * price < ONE_CENT;
}

/** A market order worth less than the minimum is bad input, refused before anything is written. */
export function refuseBelowMinimumTotal(quantity: bigint, price: bigint): void {
  if (isBelowMinimumTotal(quantity, price)) {
    throw new ValidationError('The order is worth less than 0.01 USD (quantity × price); order more.');
  }
}
