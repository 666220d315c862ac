import { z } from 'zod';
import { NumberLiteral } from '../money/number-literal';

/**
 * One strict schema per route body: an unknown field is an error. Decimals are only shape-checked
 * here (a string, or a JSON number kept as its literal); their exact rules live in common/money,
 * which parses them next.
 */
const decimalInput = z.union([z.string(), z.instanceof(NumberLiteral)], {
  error: 'must be a decimal string such as "100.00"',
});

export const cashRequest = z.strictObject({ amount: decimalInput });

export const orderRequest = z.strictObject({
  asset: z.string({ error: 'must be an asset symbol such as "BTC"' }),
  quantity: decimalInput,
});

export const assetListingRequest = z.strictObject({
  price: z.string({ error: 'must be a decimal string such as "51000.00"' }),
  name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .optional(),
});

/** PUT replaces the user's limits: a kind left out follows the default again. */
export const dailyLimitsRequest = z.strictObject({
  deposit: decimalInput.optional(),
  withdrawal: decimalInput.optional(),
});
