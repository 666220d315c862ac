import { z } from 'zod';
import { HOLD_EXPIRY_SECONDS } from '../holds/hold';
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

const payeeId = z
  .string({ error: "must be the payee's user id" })
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters');

export const transferRequest = z.strictObject({
  to: payeeId,
  amount: decimalInput,
  memo: z
    .string({ error: 'must be a string' })
    .refine(
      (memo) => [...memo].length <= MEMO_MAX_CHARACTERS,
      `must be at most ${MEMO_MAX_CHARACTERS} characters`,
    )
    .optional(),
});

const { min, max } = HOLD_EXPIRY_SECONDS;
const expiryMessage = `must be a whole number of seconds from ${min} to ${max} (7 days)`;

/** A JSON number, read from its literal: only a whole number in range, never a fraction or a string. */
const wholeSeconds = z
  .instanceof(NumberLiteral, { error: expiryMessage })
  .transform((literal) =>
    literal.negative || literal.exponent < 0 ? Number.NaN : Number(literal.canonical()),
  )
  .pipe(
    z.number({ error: expiryMessage }).int(expiryMessage).min(min, expiryMessage).max(max, expiryMessage),
  );

export const holdRequest = z.strictObject({
  to: payeeId,
  amount: decimalInput,
  expiresInSeconds: wholeSeconds,
});

/** Capture takes an optional part of the hold; void takes nothing. Both accept an empty body. */
export const captureRequest = z.strictObject({ amount: decimalInput.optional() });
export const voidRequest = z.strictObject({});

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
