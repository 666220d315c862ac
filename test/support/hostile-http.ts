import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { readBalance } from '../../common/accounts/balance-store';
import { balanceView } from '../../common/accounts/views';
import type { ErrorCode } from '../../common/errors';
import { documentClient, tableName } from '../../common/storage/client';
import { userPk } from '../../common/storage/keys';
import type { StoredItem } from '../../common/storage/transact';
import { ledgerOf } from './ledger';

/**
 * Plumbing for the adversarial HTTP suites: requests sent byte for byte as written (node:http does
 * not normalise paths the way `fetch`/WHATWG URL does, and a raw socket can send what node:http
 * refuses), the contract's error-body check, and a snapshot of everything a user owns.
 */

export interface HostileResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export interface HostileRequest {
  readonly method: string;
  /** Sent verbatim as the request target, query string included. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** One request through node:http, path and body exactly as given; a body gets a Content-Length. */
export function sendHostile(baseUrl: string, spec: HostileRequest): Promise<HostileResponse> {
  const url = new URL(baseUrl);
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  const headers: Record<string, string> = { ...spec.headers };
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Raw bytes over TCP (for header bytes node:http refuses to send, duplicated headers, dot segments),
 * read until the server closes. The request should carry `Connection: close`.
 */
export function sendRawHttp(baseUrl: string, bytes: Buffer): Promise<HostileResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks).toString('utf8');
      const split = all.indexOf('\r\n\r\n');
      const head = split < 0 ? all : all.slice(0, split);
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: IncomingHttpHeaders = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
        headers,
        text: split < 0 ? '' : all.slice(split + 4),
      });
    });
  });
}

/** Builds a raw HTTP/1.1 request; header values may hold any bytes. */
export function rawHttpRequest(
  method: string,
  path: string,
  headers: ReadonlyArray<readonly [string, string | Buffer]>,
  body?: string,
): Buffer {
  const parts: Buffer[] = [Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`)];
  for (const [name, value] of headers) {
    parts.push(Buffer.from(`${name}: `), Buffer.from(value), Buffer.from('\r\n'));
  }
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  if (body !== undefined) parts.push(Buffer.from(`Content-Length: ${payload.length}\r\n`));
  parts.push(Buffer.from('Connection: close\r\n\r\n'), payload);
  return Buffer.concat(parts);
}

/**
 * Things that must never reach a client: stack frames, source paths, AWS SDK / DynamoDB error names,
 * JavaScript error classes, validation-library internals. "at " alone is not a leak ("at most 2
 * decimal places" is a fine message), a stack frame is.
 */
const LEAK_PATTERNS: ReadonlyArray<RegExp> = [
  /\bat [\w$.<>[\] ]+ \(/, // "at fn (file:line)"
  /\bat (?:file:|node:|async |\/)/,
  /\.(?:ts|js|mjs|cjs):\d+/,
  /Exception/,
  /dynamodb/i,
  /\b(?:TypeError|ReferenceError|SyntaxError|RangeError|EvalError|URIError)\b/,
  /TransactionCanceled|ConditionalCheckFailed|ProvisionedThroughput|ResourceNotFound|ValidationException/,
  /ZodError|\$Zod|invalid_type|invalid_union|unrecognized_keys/,
  /node_modules|\/work\/|\/home\/|\/tmp\//,
  /"stack"|\bstack trace\b/i,
  /\bECONN|\bEPIPE\b|\bETIMEDOUT\b/,
  /\$metadata|httpStatusCode|requestId":"[^"]*","(?:name|stack)"/,
];

export function leaksIn(text: string): string[] {
  return LEAK_PATTERNS.filter((pattern) => pattern.test(text)).map(String);
}

export interface ContractErrorOptions {
  /** A failed order may ride along (422/5xx after the order was created). */
  readonly allowOrder?: boolean;
}

/** Asserts the contract's error answer: exact status, JSON `{"error":{code,message,requestId}}`, no leaks. */
export function expectContractError(
  response: HostileResponse,
  status: number,
  code: ErrorCode,
  options: ContractErrorOptions = {},
): { code: string; message: string; requestId: string; order?: Record<string, unknown> } {
  const context = `HTTP ${response.status} ${response.text.slice(0, 500)}`;
  expect(response.status, context).toBe(status);
  expect(String(response.headers['content-type'] ?? ''), context).toMatch(/^application\/json\b/);
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new Error(`The error body is not JSON: ${context}`);
  }
  expect(body, context).toBeTypeOf('object');
  expect(body, context).not.toBeNull();
  const record = body as Record<string, unknown>;
  const allowed = options.allowOrder ? ['error', 'order'] : ['error'];
  expect(
    Object.keys(record).filter((key) => !allowed.includes(key)),
    context,
  ).toEqual([]);
  const error = record.error as Record<string, unknown> | undefined;
  expect(error, context).toBeTypeOf('object');
  expect(Object.keys(error ?? {}).sort(), context).toEqual(['code', 'message', 'requestId']);
  expect(error?.code, context).toBe(code);
  expect(error?.message, context).toBeTypeOf('string');
  expect(String(error?.message).trim().length, context).toBeGreaterThan(0);
  expect(error?.requestId, context).toBeTypeOf('string');
  expect(String(error?.requestId).length, context).toBeGreaterThan(0);
  expect(leaksIn(response.text), context).toEqual([]);
  return {
    code: String(error?.code),
    message: String(error?.message),
    requestId: String(error?.requestId),
    order: record.order as Record<string, unknown> | undefined,
  };
}

export interface AccountSnapshot {
  /** As GET /balance would render it, from the table. */
  readonly balance: unknown;
  /** The ledger entries, oldest first, amounts as text. */
  readonly ledger: ReadonlyArray<Record<string, string | undefined>>;
  /** Every other item of the user's partition but the lock (which every request may touch), by sort key. */
  readonly items: Readonly<Record<string, string>>;
}

function stableText(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'bigint') return inner.toString();
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const record = inner as Record<string, unknown>;
      // wrapNumbers: a NumberValue carries its digits in `value`.
      if (Object.keys(record).length === 1 && typeof record.value === 'string') return record.value;
      return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return inner;
  });
}

async function partitionItems(userId: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': userPk(userId) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Balance, ledger and every other stored item of the user, read straight from the table. */
export async function snapshotAccount(userId: string): Promise<AccountSnapshot> {
  const [state, entries, stored] = await Promise.all([
    readBalance(userId),
    ledgerOf(userId),
    partitionItems(userId),
  ]);
  const items: Record<string, string> = {};
  for (const item of stored) {
    const sortKey = String(item.sk);
    if (sortKey !== 'LOCK') items[sortKey] = stableText(item);
  }
  return {
    balance: balanceView(state),
    ledger: entries.map((entry) => ({
      id: entry.id,
      type: entry.type,
      asset: entry.asset,
      amount: entry.amount.toString(),
      balanceAfter: entry.balanceAfter.toString(),
      orderId: entry.orderId,
      createdAt: entry.createdAt,
    })),
    items,
  };
}

/** Sort keys present in `after` but not in `before`. */
export function addedItems(before: AccountSnapshot, after: AccountSnapshot): string[] {
  return Object.keys(after.items).filter((sortKey) => !(sortKey in before.items));
}

/** Polls `check` until it returns a value (not a timing assertion: a bound on how long to keep looking). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  attempts = 200,
  intervalMs = 50,
): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Gave up waiting for ${what}`);
}
