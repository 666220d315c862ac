import { CASH_SCALE, PRICE_SCALE, QUANTITY_SCALE } from './amounts';
import { pow10 } from './decimal';

export type Side = 'BUY' | 'SELL';

/** quantity × price has QUANTITY_SCALE + PRICE_SCALE places; cash has CASH_SCALE. */
const EXCESS_UNIT = pow10(QUANTITY_SCALE + PRICE_SCALE - CASH_SCALE);

/**
 * The cash side of a trade in cents. A buyer pays the total rounded up to the cent and a seller
 * receives proceeds rounded down, so rounding never moves value out of the house.
 */
export function tradeTotal(side: Side, quantity: bigint, price: bigint): bigint {
  const exact = quantity * price;
  const floor = exact / EXCESS_UNIT;
  const hasRemainder = exact % EXCESS_UNIT !== 0n;
  return side === 'BUY' && hasRemainder ? floor + 1n : floor;
}
