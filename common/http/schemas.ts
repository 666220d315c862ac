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

/** At most 140 characters, counted as a person would: one per code point, not per UTF-16 unit. */
const MEMO_MAX_CHARACTERS = 140;

export const transferRequest = z.strictObject({
  to: z
    .string({ error: "must be the payee's user id" })
    .min(1, 'must not be empty')
    .max(128, 'must be at most 128 characters'),
  amount: decimalInput,
  memo: z
    .string({ error: 'must be a string' })
    .refine(
      (memo) => [...memo].length <= MEMO_MAX_CHARACTERS,
      `must be at most ${MEMO_MAX_CHARACTERS} characters`,
    )
    .optional(),
});

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
