import { type BalanceState, totalOf } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { listAssets } from '../assets/asset-catalog';
import { CASH, parsePrice } from '../money/amounts';
import { tradeTotal } from '../money/trade-total';

/** One holding at its listed price; amounts in minor units. */
export interface PortfolioLine {
  readonly asset: string;
  /** available + held: held units are still the user's. */
  readonly quantity: bigint;
  readonly price: bigint;
  /** quantity × price, rounded down to the cent. */
  readonly value: bigint;
}

export interface Portfolio {
  /** When the balance and the prices were read. */
  readonly asOf: Date;
  /** Cash, available + held. */
  readonly cash: bigint;
  readonly lines: readonly PortfolioLine[];
  /** cash + the sum of the lines' values, so the figures shown add up exactly. */
  readonly total: bigint;
}

/**
 * A holding is worth what selling all of it at the listed price would pay, rounded down to the
 * cent like a SELL's proceeds, so a valuation never shows more than the holding would bring in.
 * Assets with nothing held are left out. Every held asset is listed, because listings are never
 * removed; one that is not is a broken invariant, not something to value at zero.
 */
export function valuePortfolio(
  balance: BalanceState,
  prices: ReadonlyMap<string, bigint>,
  asOf: Date,
): Portfolio {
  const lines: PortfolioLine[] = [];
  for (const asset of Object.keys(balance.assets).sort()) {
    const quantity = totalOf(balance, asset);
    if (asset === CASH || quantity === 0n) continue;
    const price = prices.get(asset);
    if (price === undefined) throw new Error(`The held asset ${asset} has no listed price.`);
    lines.push({ asset, quantity, price, value: tradeTotal('SELL', quantity, price) });
  }
  const cash = totalOf(balance, CASH);
  return { asOf, cash, lines, total: lines.reduce((sum, line) => sum + line.value, cash) };
}

/**
 * The user's balance and the listed prices, read at once (two strongly consistent reads started
 * together), and valued. A trade or price change that lands while they are read may or may not be
 * in the answer; `asOf` is the moment both reads began.
 */
export async function readPortfolio(userId: string): Promise<Portfolio> {
  const asOf = new Date();
  const [balance, assets] = await Promise.all([readBalance(userId), listAssets()]);
  const prices = new Map(assets.map((listed) => [listed.asset, parsePrice(listed.price)]));
  return valuePortfolio(balance, prices, asOf);
}
