import { z } from 'zod';
import { HOLD_EXPIRY_SECONDS } from '../holds/hold';
import { LIMIT_ORDER_EXPIRY_SECONDS } from '../limit-orders/limit-order';
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

/**
 * A whole number of seconds within bounds, read from the JSON number's literal (bodies are read
 * losslessly, so it arrives as a NumberLiteral, never a double): never a fraction or a string.
 */
function wholeSeconds(bounds: { readonly min: number; readonly max: number }, span: string) {
  const message = `must be a whole number of seconds from ${bounds.min} to ${bounds.max} (${span})`;
  return z
    .instanceof(NumberLiteral, { error: message })
    .transform((literal) =>
      literal.negative || literal.exponent < 0 ? Number.NaN : Number(literal.canonical()),
    )
    .pipe(z.number({ error: message }).int(message).min(bounds.min, message).max(bounds.max, message));
}

export const holdRequest = z.strictObject({
  to: payeeId,
  amount: decimalInput,
  expiresInSeconds: wholeSeconds(HOLD_EXPIRY_SECONDS, '7 days'),
});

/** Capture takes an optional part of the hold; void takes nothing. Both accept an empty body. */
export const captureRequest = z.strictObject({ amount: decimalInput.optional() });
export const voidRequest = z.strictObject({});

/**
 * A MARKET order (the default) takes the asset and quantity only; a LIMIT order also needs its
 * `limitPrice`, and may say how long it rests (`expiresInSeconds`, 30 days at most and by default).
 */
export const orderRequest = z
  .strictObject({
    asset: z.string({ error: 'must be an asset symbol such as "BTC"' }),
    quantity: decimalInput,
    type: z.enum(['MARKET', 'LIMIT'], { error: 'must be "MARKET" or "LIMIT"' }).optional(),
    limitPrice: z.string({ error: 'must be a decimal string such as "49000.00"' }).optional(),
    expiresInSeconds: wholeSeconds(LIMIT_ORDER_EXPIRY_SECONDS, '30 days').optional(),
  })
  .superRefine((order, context) => {
    const limit = order.type === 'LIMIT';
    if (limit && order.limitPrice === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['limitPrice'],
        message: 'is required for a LIMIT order',
        input: undefined,
      });
    }
    for (const field of ['limitPrice', 'expiresInSeconds'] as const) {
      if (!limit && order[field] !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: 'is only for a LIMIT order ("type":"LIMIT")',
          input: order[field],
        });
      }
    }
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
