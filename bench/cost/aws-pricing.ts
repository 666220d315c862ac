import { readFileSync } from 'node:fs';
import { z } from 'zod';

const price = z.number().positive();

const pricingSchema = z.object({
  region: z.literal('us-east-1'),
  currency: z.literal('USD'),
  recordedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  recordedHow: z.string(),
  excludes: z.string(),
  dynamodb: z.object({
    source: z.string(),
    writeRequestUnitPerMillion: price,
    readRequestUnitPerMillion: price,
  }),
  lambda: z.object({
    source: z.string(),
    architecture: z.literal('arm64'),
    requestsPerMillion: price,
    perGbSecond: price,
    billedDurationIncrementMs: z.number().int().positive(),
  }),
  stepFunctionsExpress: z.object({
    source: z.string(),
    requestsPerMillion: price,
    perGbSecond: price,
    billedDurationIncrementMs: z.number().int().positive(),
    billedMemoryMb: z.number().int().positive(),
  }),
  httpApi: z.object({ source: z.string(), requestsPerMillion: price }),
});

export type AwsPricing = z.infer<typeof pricingSchema>;

/** The one place prices live: bench/aws-pricing.json, checked on load so a typo fails loudly. */
export function loadAwsPricing(path = new URL('../aws-pricing.json', import.meta.url)): AwsPricing {
  return pricingSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
