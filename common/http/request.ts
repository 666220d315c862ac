import type { z } from 'zod';
import { ValidationError } from '../errors';
import { fingerprintOf, type IdempotencyRequest } from '../idempotency/idempotency-record';
import type { PageRequest } from '../storage/page';
import { parseJsonExactly } from './exact-json-numbers';
import type { HttpEvent } from './types';

/** The contract's body limit. API Gateway allows far more, so the handler enforces it. */
export const MAX_BODY_BYTES = 16 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,255}$/;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function rawBody(event: HttpEvent): string {
  const body = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new ValidationError(`The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  }
  return text;
}

function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return `Unknown field: ${issue.keys.join(', ')}.`;
  if (issue.input === undefined && field) return `${field} is required.`;
  return field ? `${field}: ${issue.message}.` : `${issue.message}.`;
}

/**
 * The body as JSON, checked against the route's strict schema. Returns the parsed JSON too, for
 * fingerprints. With `emptyIsObject`, a route whose fields are all optional reads no body as `{}`.
 */
export function parseBody<Schema extends z.ZodType>(
  event: HttpEvent,
  schema: Schema,
  options: { readonly emptyIsObject?: boolean } = {},
): { raw: unknown; body: z.infer<Schema> } {
  refuseQueryParameters(event, []);
  const given = rawBody(event);
  const raw = parseJsonExactly(options.emptyIsObject && given.length === 0 ? '{}' : given);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationError('The body must be a JSON object.');
  }
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map(describe).join(' '));
  return { raw, body: parsed.data };
}

/** The Idempotency-Key header as the contract defines it, or undefined when absent. */
export function idempotencyOf(event: HttpEvent, rawBody: unknown): IdempotencyRequest | undefined {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError('Idempotency-Key must be 1 to 255 characters from A-Z a-z 0-9 _ - : .');
  }
  return { key, fingerprint: fingerprintOf(event.routeKey, rawBody) };
}

function refuseQueryParameters(event: HttpEvent, allowed: readonly string[]): void {
  const unknown = Object.keys(event.queryStringParameters ?? {}).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) throw new ValidationError(`Unknown query parameter: ${unknown.join(', ')}.`);
}

function refuseBody(event: HttpEvent): void {
  if (event.body !== undefined && event.body !== null && event.body.length > 0) {
    throw new ValidationError('This route takes no body.');
  }
}

/** `limit` and `cursor` of a list route, which takes no body and no other parameter. */
export function pageOf(event: HttpEvent): PageRequest {
  refuseBody(event);
  refuseQueryParameters(event, ['limit', 'cursor']);
  const query = event.queryStringParameters ?? {};
  let limit = DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    if (!/^[0-9]{1,3}$/.test(query.limit) || Number(query.limit) < 1 || Number(query.limit) > MAX_LIMIT) {
      throw new ValidationError(`limit must be a whole number from 1 to ${MAX_LIMIT}.`);
    }
    limit = Number(query.limit);
  }
  const cursor = query.cursor;
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 1024)) {
    throw new ValidationError('cursor is not valid: pass the nextCursor of a previous page unchanged.');
  }
  return { limit, cursor };
}

/** A route that reads only its path: any query parameter or body is a client mistake worth hearing about. */
export function expectNoInput(event: HttpEvent): void {
  refuseBody(event);
  refuseQueryParameters(event, []);
}
