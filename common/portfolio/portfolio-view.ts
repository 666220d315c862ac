import { CASH, formatAmount, formatPrice } from '../money/amounts';
import type { Portfolio } from './portfolio';

/** The contract's Portfolio shape: every decimal at the full scale of its asset. */
export function portfolioView(portfolio: Portfolio) {
  return {
    asOf: portfolio.asOf.toISOString(),
    cash: formatAmount(CASH, portfolio.cash),
    assets: portfolio.lines.map((line) => ({
      asset: line.asset,
      quantity: formatAmount(line.asset, line.quantity),
      price: formatPrice(line.price),
      value: formatAmount(CASH, line.value),
    })),
    total: formatAmount(CASH, portfolio.total),
  };
}
