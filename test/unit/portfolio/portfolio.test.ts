import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BalanceState } from '../../../common/accounts/balance-state';
import { parseCashAmount, parsePrice, parseQuantity } from '../../../common/money/amounts';
import { valuePortfolio } from '../../../common/portfolio/portfolio';
import { portfolioView } from '../../../common/portfolio/portfolio-view';

const AS_OF = new Date('2026-12-02T12:00:00.000Z');
const balanceOf = (assets: Record<string, [string, string]>): BalanceState => ({
  version: 1,
  assets: Object.fromEntries(
    Object.entries(assets).map(([asset, [available, held]]) => {
      const parse = asset === 'USD' ? parseCashAmount : parseQuantity;
      const read = (text: string) => (text === '0' ? 0n : parse(text));
      return [asset, { available: read(available), held: read(held) }];
    }),
  ),
});
const pricesOf = (prices: Record<string, string>) =>
  new Map(Object.entries(prices).map(([asset, price]) => [asset, parsePrice(price)]));

describe('valuing a portfolio', () => {
  it('values each holding, held units included, rounded down to the cent, and adds the lines up', () => {
    const balance = balanceOf({
      USD: ['70.00', '30.00'],
      BTC: ['0.00333333', '0.00100000'],
      ETH: ['0.00000001', '0'],
      SOL: ['0', '0'],
    });
    const portfolio = valuePortfolio(
      balance,
      pricesOf({ BTC: '50000.00', ETH: '3000.00', SOL: '150.00' }),
      AS_OF,
    );
    expect(portfolioView(portfolio)).toEqual({
      asOf: '2026-12-02T12:00:00.000Z',
      cash: '100.00',
      assets: [
        // 0.00433333 × 50000 = 216.6665: rounded down, not half-up.
        { asset: 'BTC', quantity: '0.00433333', price: '50000.00', value: '216.66' },
        // 0.00000001 × 3000 = 0.00003: worth less than a cent.
        { asset: 'ETH', quantity: '0.00000001', price: '3000.00', value: '0.00' },
      ],
      total: '316.66',
    });
  });

  it('is cash alone for a user who holds no asset, and zero for one who never deposited', () => {
    expect(portfolioView(valuePortfolio(balanceOf({ USD: ['5.00', '0'] }), new Map(), AS_OF))).toMatchObject({
      cash: '5.00',
      assets: [],
      total: '5.00',
    });
    expect(portfolioView(valuePortfolio({ version: 0, assets: {} }, new Map(), AS_OF))).toMatchObject({
      cash: '0.00',
      assets: [],
      total: '0.00',
    });
  });

  it('refuses to value a held asset without a price rather than count it as nothing', () => {
    expect(() => valuePortfolio(balanceOf({ DOGE: ['1', '0'] }), new Map(), AS_OF)).toThrow(/DOGE/);
  });

  it('stays exact far past 2^53 minor units: 1e9 units at 1e9 USD', () => {
    const portfolio = valuePortfolio(
      balanceOf({ USD: ['1000000000.00', '0'], BTC: ['1000000000', '0'] }),
      pricesOf({ BTC: '1000000000.00' }),
      AS_OF,
    );
    expect(portfolioView(portfolio).total).toBe('1000000001000000000.00');
  });

  it('property: every line is the exact product rounded down, and the total is cash plus the lines', () => {
    const minor = (max: bigint) => fc.bigInt({ min: 0n, max });
    fc.assert(
      fc.property(
        minor(10n ** 11n),
        fc.array(fc.tuple(minor(10n ** 17n), minor(10n ** 17n), fc.bigInt({ min: 1n, max: 10n ** 11n })), {
          maxLength: 5,
        }),
        (cash, holdings) => {
          const symbols = holdings.map((_, index) => `A${index}X`);
          const balance: BalanceState = {
            version: 1,
            assets: {
              USD: { available: cash, held: 0n },
              ...Object.fromEntries(
                holdings.map(([available, held], i) => [symbols[i], { available, held }]),
              ),
            },
          };
          const prices = new Map(holdings.map(([, , price], i) => [symbols[i] ?? '', price]));
          const portfolio = valuePortfolio(balance, prices, AS_OF);
          for (const line of portfolio.lines) {
            // quantity has 8 places and price 2, so the exact product is in units of 10^-10 USD.
            const exact = line.quantity * line.price;
            expect(line.value * 10n ** 8n <= exact).toBe(true);
            expect(exact < (line.value + 1n) * 10n ** 8n).toBe(true);
          }
          const nonZero = holdings.filter(([available, held]) => available + held > 0n).length;
          expect(portfolio.lines).toHaveLength(nonZero);
          expect(portfolio.total).toBe(portfolio.lines.reduce((sum, line) => sum + line.value, cash));
        },
      ),
    );
  });
});
