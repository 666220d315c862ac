import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../common/errors';
import { ulid } from '../../common/ids/ulid';
import { documentClient, tableName } from '../../common/storage/client';
import { keys } from '../../common/storage/keys';
import {
  addedItems,
  expectContractError,
  type HostileRequest,
  type HostileResponse,
  rawHttpRequest,
  sendHostile,
  sendRawHttp,
  snapshotAccount,
} from '../support/hostile-http';
import { type HostileTokens, hostileTokens } from '../support/hostile-tokens';
import { newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

/**
 * Hostile input: every request below goes through the local HTTP server and
 * must get the contract's exact 4xx JSON error, without a stack trace or internal name, and must
 * leave the victim's balance, ledger and every other item of their account as they were (except
 * the FAILED order the contract says a refused order leaves behind). The cases are sent one after
 * the other, each between two snapshots of the victim's account.
 */

interface Context {
  readonly victim: string;
  readonly victimToken: string;
  readonly adminToken: string;
  readonly tokens: HostileTokens;
  readonly other: string;
  readonly otherOrderId: string;
  readonly otherTxCursor: string;
  readonly victimOrderId: string;
  readonly victimTxCursor: string;
  /** A well-formed symbol that is not listed. */
  readonly unlisted: string;
}

type Sent = { readonly http: HostileRequest } | { readonly raw: Buffer };

interface HostileCase {
  readonly name: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly send: (context: Context) => Sent;
  /** The contract's refused order: one FAILED order appears, nothing else changes. */
  readonly failedOrder?: boolean;
  /** An asset symbol that must still be unlisted afterwards (admin cases). */
  readonly mustStayUnlisted?: (context: Context) => string;
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const JSON_TYPE = { 'content-type': 'application/json' };

/** A POST with the victim's token and a JSON content type unless `headers` overrides them. */
function post(
  path: string,
  body: string | Buffer | ((context: Context) => string),
  headers: (context: Context) => Record<string, string> = () => ({}),
): (context: Context) => Sent {
  return (context) => ({
    http: {
      method: 'POST',
      path,
      body: typeof body === 'function' ? body(context) : body,
      headers: { ...bearer(context.victimToken), ...JSON_TYPE, ...headers(context) },
    },
  });
}

function get(path: string | ((context: Context) => string)): (context: Context) => Sent {
  return (context) => ({
    http: {
      method: 'GET',
      path: typeof path === 'function' ? path(context) : path,
      headers: bearer(context.victimToken),
    },
  });
}

const bad = (name: string, send: HostileCase['send'], extra: Partial<HostileCase> = {}): HostileCase => ({
  name,
  status: 400,
  code: 'VALIDATION_ERROR',
  send,
  ...extra,
});

const VALID_DEPOSIT = '{"amount":"1.00"}';
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const b64Text = (text: string): string => Buffer.from(text).toString('base64url');
const pad = (bytes: number): string => `{"amount":"1.00"}${' '.repeat(bytes - VALID_DEPOSIT.length)}`;

// --- Bodies that are not a JSON object -------------------------------------------------------------
const notAnObject: ReadonlyArray<readonly [string, string | Buffer]> = [
  ['truncated JSON', '{"amount":"1.00"'],
  ['JSON cut after the colon', '{"amount":'],
  ['a lone brace', '{'],
  ['form encoding under a JSON content type', 'amount=1.00'],
  ['single-quoted JSON', "{'amount':'1.00'}"],
  ['a trailing comma', '{"amount":"1.00",}'],
  ['trailing garbage after the object', '{"amount":"1.00"}x'],
  ['two objects back to back', '{"amount":"1.00"}{"amount":"1.00"}'],
  ['a comment inside', '{"amount":"1.00" /* more */}'],
  ['an unquoted key', '{amount:"1.00"}'],
  ['a NaN literal', '{"amount":NaN}'],
  ['an Infinity literal', '{"amount":Infinity}'],
  ['a -Infinity literal', '{"amount":-Infinity}'],
  ['a hex number', '{"amount":0x10}'],
  ['a number with a leading zero', '{"amount":05}'],
  ['a number with a leading +', '{"amount":+5}'],
  ['a number without its integer part', '{"amount":.5}'],
  ['a raw newline inside a string', '{"amount":"1.00\n"}'],
  ['an empty body', ''],
  ['a whitespace-only body', '   \n\t  '],
  ['null', 'null'],
  ['an empty array', '[]'],
  ['an array holding a valid body', '[{"amount":"1.00"}]'],
  ['a bare JSON string', '"1.00"'],
  ['a bare JSON number', '100'],
  ['a bare true', 'true'],
  ['5000 nested arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  [
    'invalid UTF-8 bytes',
    Buffer.concat([Buffer.from('{"amount":"1'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
  ],
  ['a UTF-16 byte order mark then JSON', Buffer.from(`\ufeff${VALID_DEPOSIT}`, 'utf16le')],
];

// --- amount of the wrong JSON type -----------------------------------------------------------------
const wrongTypes: ReadonlyArray<readonly [string, string]> = [
  ['amount true', '{"amount":true}'],
  ['amount null', '{"amount":null}'],
  ['amount an empty array', '{"amount":[]}'],
  ['amount an array of a valid string', '{"amount":["1.00"]}'],
  ['amount an object', '{"amount":{"value":"1.00"}}'],
  ['amount an empty object', '{"amount":{}}'],
  ['amount a deeply nested object', `{"amount":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`],
];

// --- amount as a JSON number the contract refuses --------------------------------------------------
const badNumbers: ReadonlyArray<readonly [string, string]> = [
  ['negative', '-5'],
  ['zero', '0'],
  ['negative zero', '-0'],
  ['1e400 (Infinity once parsed)', '1e400'],
  ['1e-7', '1e-7'],
  ['5e-3 (three places)', '5e-3'],
  ['0.001', '0.001'],
  ['10.005', '10.005'],
  ['1000000000.01 (over the limit)', '1000000000.01'],
  ['1e10 (over the limit)', '1e10'],
  ['a 30-digit integer', '123456789012345678901234567890'],
  ['the largest double', '1.7976931348623157e308'],
  ['the smallest subnormal double', '5e-324'],
  // Binary floating point rounds this to 100; the literal has 16 decimal places and must be refused.
  ['100.0000000000000001 (16 places, rounds to 100 as a double)', '100.0000000000000001'],
];

// --- amount as a string that is not a plain decimal ------------------------------------------------
const badDecimalStrings: ReadonlyArray<readonly [string, string]> = [
  ['an exponent', '1e3'],
  ['an upper-case exponent', '1E3'],
  ['a negative exponent', '1e-2'],
  ['NaN', 'NaN'],
  ['lower-case nan', 'nan'],
  ['Infinity', 'Infinity'],
  ['-Infinity', '-Infinity'],
  ['three decimal places', '1.234'],
  ['a trailing zero past the scale', '1.000'],
  ['a leading +', '+5'],
  ['a leading -', '-5'],
  ['a leading space', ' 5'],
  ['a trailing space', '5 '],
  ['a no-break space', '\u00a05'],
  ['a trailing newline', '5\n'],
  ['a tab', '5\t'],
  ['a thousands comma', '1,000'],
  ['a decimal comma', '5,00'],
  ['a thousands space', '1 000'],
  ['an underscore separator', '1_000'],
  ['an empty string', ''],
  ['zero', '0'],
  ['zero with decimals', '0.00'],
  ['negative zero', '-0'],
  ['Arabic-Indic digits', '\u0665'],
  ['Arabic-Indic hundred', '\u0661\u0660\u0660'],
  ['Devanagari five', '\u096b'],
  ['fullwidth digits', '\uff11\uff10'],
  ['fullwidth digits and point', '\uff15\uff0e\uff10\uff10'],
  ['a vulgar fraction', '\u00bd'],
  ['a Roman numeral', '\u2164'],
  ['a hex literal', '0x10'],
  ['no integer part', '.5'],
  ['a trailing point', '5.'],
  ['two points', '1.2.3'],
  ['a fraction', '1/2'],
  ['a currency sign', '$5'],
  ['a currency suffix', '5USD'],
  ['over the limit by a cent', '1000000000.01'],
  ['over the limit by a unit', '1000000001'],
  ['5000 nines', '9'.repeat(5000)],
  ['a tiny amount with 201 places', `0.${'0'.repeat(200)}1`],
  ['a NUL after the digits', '5\u0000'],
  ['a lone surrogate', '\ud800'],
];

// --- wrong or extra fields, prototype keys, duplicates ---------------------------------------------
const badShapes: ReadonlyArray<readonly [string, string | ((context: Context) => string)]> = [
  ['a missing amount', '{}'],
  ['an unknown field next to amount', '{"amount":"1.00","currency":"USD"}'],
  ['a differently cased key', '{"Amount":"1.00"}'],
  ['an attempt to name the user', (context) => JSON.stringify({ amount: '1.00', userId: context.other })],
  ['a __proto__ key next to amount', '{"amount":"1.00","__proto__":{"polluted":"yes"}}'],
  ['amount hidden under __proto__', '{"__proto__":{"amount":"1.00"}}'],
  ['a constructor.prototype key', '{"amount":"1.00","constructor":{"prototype":{"polluted":"yes"}}}'],
  ['amount hidden under constructor.prototype', '{"constructor":{"prototype":{"amount":"1.00"}}}'],
  ['a prototype key', '{"amount":"1.00","prototype":{"polluted":"yes"}}'],
  ['a duplicate key, the last one negative', '{"amount":"1.00","amount":"-1.00"}'],
  ['a duplicate key, both bad', '{"amount":"-1","amount":"abc"}'],
  [
    'a thousand unknown fields',
    JSON.stringify(
      Object.fromEntries([['amount', '1.00'], ...Array.from({ length: 1000 }, (_, i) => [`f${i}`, i])]),
    ),
  ],
];

// --- Idempotency-Key values the contract refuses (1 to 255 of A-Z a-z 0-9 _ - : .) -----------------
const badKeys: ReadonlyArray<readonly [string, string]> = [
  ['an empty key', ''],
  ['a 256-character key', 'k'.repeat(256)],
  ['a key with a space', 'my key'],
  ['a key with a tab', 'my\tkey'],
  ['a key with a slash', 'a/b'],
  ['a path-like key', '../../BALANCE'],
  ['a key with a comma', 'a,b'],
  ['a key with a question mark', 'key?x=1'],
  ['a key with a hash', 'key#1'],
  ['a star', '*'],
  ['a Latin-1 accented key', 'cl\u00e9'],
];

function cases(): HostileCase[] {
  const all: HostileCase[] = [];
  const deposit = (name: string, body: string | Buffer | ((context: Context) => string)) =>
    all.push(bad(`POST /deposits with ${name}`, post('/deposits', body)));

  for (const [name, body] of notAnObject) deposit(name, body);
  for (const [name, body] of wrongTypes) deposit(name, body);
  for (const [name, literal] of badNumbers) deposit(`the JSON number ${name}`, `{"amount":${literal}}`);
  for (const [name, text] of badDecimalStrings)
    deposit(`the string ${name}`, JSON.stringify({ amount: text }));
  for (const [name, body] of badShapes) deposit(name, body);

  // Sizes: whitespace padding keeps the JSON valid, so only the size can be wrong.
  deposit('a valid body padded to 16 KiB + 1 byte', pad(16 * 1024 + 1));
  deposit('a valid body padded to 64 KiB', pad(64 * 1024));
  deposit('a valid body padded to 1.5 MiB', pad(1536 * 1024));

  // Content types and encodings the API does not speak.
  const typed = (name: string, body: string | Buffer, headers: Record<string, string>) =>
    all.push(
      bad(
        `POST /deposits with ${name}`,
        post('/deposits', body, () => headers),
      ),
    );
  typed('a form-encoded body', 'amount=1.00', { 'content-type': 'application/x-www-form-urlencoded' });
  typed('a text/plain body', 'amount: 1.00', { 'content-type': 'text/plain' });
  typed('a multipart body', '--x\r\nContent-Disposition: form-data; name="amount"\r\n\r\n1.00\r\n--x--\r\n', {
    'content-type': 'multipart/form-data; boundary=x',
  });
  typed('a UTF-16LE body', Buffer.from(VALID_DEPOSIT, 'utf16le'), {
    'content-type': 'application/json; charset=utf-16le',
  });
  typed('a gzip-encoded body', gzipSync(VALID_DEPOSIT), { 'content-encoding': 'gzip' });
  typed('an XML body', '<amount>1.00</amount>', { 'content-type': 'application/xml' });

  // A query string on a route that takes none.
  all.push(
    bad('POST /deposits?amount=500 with a valid body', post('/deposits?amount=500', VALID_DEPOSIT)),
    bad('POST /withdrawals?dryRun=true with a valid body', post('/withdrawals?dryRun=true', VALID_DEPOSIT)),
    bad(
      'POST /orders/buy?price=0.01 with a valid body',
      post('/orders/buy?price=0.01', '{"asset":"BTC","quantity":"0.001"}'),
    ),
  );

  // Bad Idempotency-Key headers on an otherwise valid deposit: 400 before anything moves.
  for (const [name, key] of badKeys) {
    all.push(
      bad(
        `POST /deposits with ${name}`,
        post('/deposits', VALID_DEPOSIT, () => ({ 'idempotency-key': key })),
      ),
    );
  }
  const rawDeposit =
    (headers: (context: Context) => ReadonlyArray<readonly [string, string | Buffer]>) =>
    (context: Context): Sent => ({
      raw: rawHttpRequest(
        'POST',
        '/deposits',
        [
          ['Authorization', `Bearer ${context.victimToken}`],
          ['Content-Type', 'application/json'],
          ...headers(context),
        ],
        VALID_DEPOSIT,
      ),
    });
  all.push(
    bad(
      'POST /deposits with an emoji key (raw UTF-8 header bytes)',
      rawDeposit(() => [['Idempotency-Key', Buffer.from('key-\u{1f511}', 'utf8')]]),
    ),
    bad(
      'POST /deposits with a Cyrillic key (raw UTF-8 header bytes)',
      rawDeposit(() => [['Idempotency-Key', Buffer.from('\u043a\u043b\u044e\u0447', 'utf8')]]),
    ),
    bad(
      'POST /deposits with the Idempotency-Key header twice',
      rawDeposit(() => [
        ['Idempotency-Key', 'first-key'],
        ['Idempotency-Key', 'second-key'],
      ]),
    ),
  );

  // Authentication: every token names the victim, so one that slipped through would move their money.
  const unauthorized = (name: string, authorization: (context: Context) => string | undefined) =>
    all.push({
      name: `POST /deposits with ${name}`,
      status: 401,
      code: 'UNAUTHORIZED',
      send: (context) => {
        const value = authorization(context);
        return {
          http: {
            method: 'POST',
            path: '/deposits',
            body: VALID_DEPOSIT,
            headers: { ...JSON_TYPE, ...(value === undefined ? {} : { authorization: value }) },
          },
        };
      },
    });
  unauthorized('no Authorization header', () => undefined);
  unauthorized('"Bearer" and no token', () => 'Bearer');
  unauthorized('"Bearer " and spaces', () => 'Bearer    ');
  unauthorized('the Basic scheme', () => `Basic ${Buffer.from('victim:password').toString('base64')}`);
  unauthorized('the Token scheme and a valid token', (context) => `Token ${context.victimToken}`);
  unauthorized('a valid token without a scheme', (context) => context.victimToken);
  unauthorized('a tab between Bearer and the token', (context) => `Bearer\t${context.victimToken}`);
  unauthorized('two tokens', (context) => `Bearer ${context.victimToken} ${context.victimToken}`);
  unauthorized('a garbage token', () => 'Bearer garbage');
  unauthorized('three empty JWT parts', () => 'Bearer ..');
  unauthorized('a.b.c', () => 'Bearer a.b.c');
  unauthorized('a 10 KB token', () => `Bearer ${'A'.repeat(10_000)}`);
  unauthorized('an expired token', (context) => `Bearer ${context.tokens.expired}`);
  unauthorized('a token signed by another key', (context) => `Bearer ${context.tokens.otherKey}`);
  unauthorized('an unsigned alg:none token', (context) => `Bearer ${context.tokens.algNone}`);
  unauthorized('an HS256 token', (context) => `Bearer ${context.tokens.hs256}`);
  unauthorized('a token for another audience', (context) => `Bearer ${context.tokens.wrongAudience}`);
  unauthorized('a token from another issuer', (context) => `Bearer ${context.tokens.wrongIssuer}`);
  unauthorized('a token without sub', (context) => `Bearer ${context.tokens.noSubject}`);
  unauthorized('a token without exp', (context) => `Bearer ${context.tokens.noExpiry}`);
  unauthorized('an access token instead of an ID token', (context) => `Bearer ${context.tokens.accessToken}`);
  unauthorized(
    'a token not valid before an hour from now',
    (context) => `Bearer ${context.tokens.notYetValid}`,
  );
  unauthorized(
    'a token whose username is another user',
    (context) => `Bearer ${context.tokens.usernameMismatch}`,
  );
  unauthorized(
    'a token whose sub smuggles a key separator',
    (context) => `Bearer ${context.tokens.subjectWithHash}`,
  );
  unauthorized(
    'a token with one signature character changed',
    (context) => `Bearer ${context.tokens.flippedSignature}`,
  );
  unauthorized(
    'a valid signature over a rewritten payload',
    (context) => `Bearer ${context.tokens.swappedPayload}`,
  );

  // Withdrawals: the same decimal rules, and a business refusal that must change nothing.
  const withdrawal = (name: string, body: string) =>
    all.push(bad(`POST /withdrawals with ${name}`, post('/withdrawals', body)));
  withdrawal('a negative amount', '{"amount":"-100.00"}');
  withdrawal('three decimal places', '{"amount":"0.001"}');
  withdrawal('an exponent string', '{"amount":"1e2"}');
  withdrawal('a negative JSON number', '{"amount":-100}');
  withdrawal('an unknown field', '{"amount":"1.00","to":"someone-else"}');
  withdrawal('no amount', '{}');
  withdrawal('null', 'null');
  withdrawal('a body over 16 KiB', pad(16 * 1024 + 100));
  all.push(
    {
      name: 'POST /withdrawals of more than the balance',
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      send: post('/withdrawals', '{"amount":"100000.00"}'),
    },
    {
      name: 'POST /withdrawals of the maximum amount',
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      send: post('/withdrawals', '{"amount":1000000000}'),
    },
  );

  // Orders.
  const order = (side: 'buy' | 'sell', body: string | ((context: Context) => string)) =>
    post(`/orders/${side}`, body);
  const unknownAsset = (name: string, side: 'buy' | 'sell', body: string | ((context: Context) => string)) =>
    all.push({
      name: `POST /orders/${side} ${name}`,
      status: 422,
      code: 'UNKNOWN_ASSET',
      send: order(side, body),
    });
  unknownAsset('of an unlisted asset', 'buy', (context) =>
    JSON.stringify({ asset: context.unlisted, quantity: '1' }),
  );
  unknownAsset('of an unlisted asset', 'sell', (context) =>
    JSON.stringify({ asset: context.unlisted, quantity: '1' }),
  );
  unknownAsset('of USD, the cash asset', 'buy', '{"asset":"USD","quantity":"1"}');
  unknownAsset('of USD, the cash asset', 'sell', '{"asset":"USD","quantity":"1"}');
  unknownAsset('of a ten-character unlisted symbol', 'buy', '{"asset":"ZZZZZZZZZ9","quantity":"0.5"}');
  unknownAsset('of a symbol named like a stored item', 'buy', '{"asset":"BALANCE","quantity":"1"}');
  unknownAsset('of a symbol named like the lock', 'sell', '{"asset":"LOCK","quantity":"1"}');

  const badOrder = (name: string, body: string, side: 'buy' | 'sell' = 'buy') =>
    all.push(bad(`POST /orders/${side} with ${name}`, order(side, body)));
  badOrder('a lower-case symbol', '{"asset":"btc","quantity":"0.001"}');
  badOrder('an empty symbol', '{"asset":"","quantity":"0.001"}');
  badOrder('a symbol with a trailing space', '{"asset":"BTC ","quantity":"0.001"}');
  badOrder('a one-letter symbol', '{"asset":"B","quantity":"0.001"}');
  badOrder('an eleven-character symbol', '{"asset":"ABCDEFGHIJK","quantity":"0.001"}');
  badOrder('a symbol with a key separator', '{"asset":"BTC#X","quantity":"0.001"}');
  badOrder('a fullwidth symbol', '{"asset":"\uff22\uff34\uff23","quantity":"0.001"}');
  badOrder('a Cyrillic look-alike symbol', '{"asset":"\u0412\u0422\u0421","quantity":"0.001"}');
  badOrder('a __proto__ symbol', '{"asset":"__proto__","quantity":"0.001"}');
  badOrder('a numeric asset', '{"asset":5,"quantity":"0.001"}');
  badOrder('a null asset', '{"asset":null,"quantity":"0.001"}');
  badOrder('an array asset', '{"asset":["BTC"],"quantity":"0.001"}');
  badOrder('no asset', '{"quantity":"0.001"}');
  badOrder('no quantity', '{"asset":"BTC"}');
  badOrder('nine decimal places', '{"asset":"BTC","quantity":"0.000000001"}');
  badOrder('an exponent quantity', '{"asset":"BTC","quantity":"1e-3"}');
  badOrder('a negative quantity', '{"asset":"BTC","quantity":-1}');
  badOrder('a zero quantity', '{"asset":"BTC","quantity":"0"}');
  badOrder('a quantity over the limit', '{"asset":"BTC","quantity":"1000000001"}');
  badOrder('the JSON number 1e-9', '{"asset":"BTC","quantity":1e-9}');
  badOrder('a quantity in fullwidth digits', '{"asset":"BTC","quantity":"\uff11"}');
  badOrder('a caller-chosen price', '{"asset":"BTC","quantity":"0.001","price":"0.01"}');
  badOrder('a side field', '{"asset":"BTC","quantity":"0.001","side":"SELL"}');
  badOrder('a __proto__ key', '{"asset":"BTC","quantity":"0.001","__proto__":{"price":"0.01"}}');
  badOrder('a total below 0.01 USD', '{"asset":"BTC","quantity":"0.00000001"}');
  badOrder('a negative quantity', '{"asset":"BTC","quantity":"-0.001"}', 'sell');
  badOrder('an array body', '[{"asset":"BTC","quantity":"0.001"}]', 'sell');
  all.push(
    {
      name: 'POST /orders/buy costing more than the cash',
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      send: order('buy', '{"asset":"BTC","quantity":"1000"}'),
      failedOrder: true,
    },
    {
      name: 'POST /orders/sell of more BTC than held',
      status: 422,
      code: 'INSUFFICIENT_ASSET',
      send: order('sell', '{"asset":"BTC","quantity":"1000"}'),
      failedOrder: true,
    },
    {
      name: 'POST /orders/sell of an asset never held',
      status: 422,
      code: 'INSUFFICIENT_ASSET',
      send: order('sell', '{"asset":"SOL","quantity":"1"}'),
      failedOrder: true,
    },
  );

  // Orders of others, and ids that are not ids.
  const notFound = (name: string, send: HostileCase['send']) =>
    all.push({ name, status: 404, code: 'NOT_FOUND', send });
  notFound(
    "GET another user's order",
    get((context) => `/orders/${context.otherOrderId}`),
  );
  notFound('GET a well-formed order id nobody has', get(`/orders/${ulid()}`));
  notFound('GET an order id that is not a ULID', get('/orders/not-an-order-id'));
  notFound('GET an order id of NUL', get('/orders/%00'));
  notFound('GET an order id that climbs out', get('/orders/..%2F..%2FBALANCE'));
  notFound(
    'GET an order id with a key prefix',
    get((context) => `/orders/ORDER%23${context.victimOrderId}`),
  );
  notFound(
    "GET the victim's order id with a suffix",
    get((context) => `/orders/${context.victimOrderId}X`),
  );
  notFound('GET a 300-character order id', get(`/orders/${'0'.repeat(300)}`));

  // Pages: limit and cursor.
  for (const path of ['/orders', '/transactions']) {
    for (const [name, query] of [
      ['limit=0', 'limit=0'],
      ['limit=101', 'limit=101'],
      ['limit=-1', 'limit=-1'],
      ['limit=1.5', 'limit=1.5'],
      ['limit=abc', 'limit=abc'],
      ['a repeated limit', 'limit=1&limit=2'],
      ['an empty limit', 'limit='],
      ['limit=1e1', 'limit=1e1'],
      ['a limit with a space', 'limit=%205'],
      ['an Arabic-Indic limit', 'limit=%D9%A5'],
      ['a 25-digit limit', `limit=${'9'.repeat(25)}`],
      ['an unknown parameter', 'sort=asc'],
    ] as const) {
      all.push(bad(`GET ${path} with ${name}`, get(`${path}?${query}`)));
    }
  }
  const cursor = (name: string, path: string, value: (context: Context) => string) =>
    all.push(
      bad(
        `GET ${path} with ${name}`,
        get((context) => `${path}?cursor=${encodeURIComponent(value(context))}`),
      ),
    );
  cursor('a random cursor', '/orders', () => 'bm90LWEtY3Vyc29y-random');
  cursor('base64 of other JSON', '/orders', () => b64({ sk: 'ORDER#01ARZ3NDEKTSV4RRFFQ69G5FAV' }));
  cursor('base64 of a number', '/transactions', () => b64(5));
  cursor('base64 of null', '/transactions', () => b64(null));
  cursor("base64 of another user's partition key", '/transactions', (context) =>
    b64(`USER#${context.other}`),
  );
  cursor("base64 of another user's full key", '/transactions', (context) =>
    b64({ pk: `USER#${context.other}`, sk: 'TX#01ARZ3NDEKTSV4RRFFQ69G5FAV' }),
  );
  cursor('a transactions cursor', '/orders', (context) => context.victimTxCursor);
  cursor('an over-long cursor', '/transactions', () => 'A'.repeat(1025));
  cursor('an over-long sort key inside', '/orders', () => b64(`ORDER#${'Z'.repeat(250)}`));
  cursor('cursor bytes that are not UTF-8', '/transactions', () =>
    Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url'),
  );
  cursor('a lone surrogate inside', '/transactions', () => b64Text('"TX#\\ud800"'));
  cursor("another user's real nextCursor", '/transactions', (context) => context.otherTxCursor);
  all.push(
    bad('GET /transactions with an empty cursor', get('/transactions?cursor=')),
    bad(
      'GET /orders with a repeated cursor',
      get((context) => `/orders?cursor=${context.victimTxCursor}&cursor=x`),
    ),
    bad('GET /balance with a query', get('/balance?userId=someone')),
    bad('GET /assets with a query', get('/assets?limit=5')),
    bad(
      'GET /orders/{id} with a query',
      get((context) => `/orders/${context.victimOrderId}?expand=all`),
    ),
  );

  // A body on a route that takes none.
  const bodyOnGet = (name: string, body: string) =>
    all.push(
      bad(`GET /balance with ${name}`, (context) => ({
        http: {
          method: 'GET',
          path: '/balance',
          body,
          headers: { ...bearer(context.victimToken), ...JSON_TYPE },
        },
      })),
    );
  bodyOnGet('a JSON body', '{"userId":"someone-else"}');
  bodyOnGet('a body over 16 KiB', pad(17 * 1024));

  // Unknown routes and wrong methods: 404, as an HTTP API answers them.
  const route = (method: string, path: string, withToken = true) =>
    all.push({
      name: `${method} ${path}${withToken ? '' : ' without a token'}`,
      status: 404,
      code: 'NOT_FOUND',
      send: (context) => ({
        http: {
          method,
          path,
          headers: withToken ? bearer(context.victimToken) : {},
          ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: VALID_DEPOSIT } : {}),
        },
      }),
    });
  route('GET', '/nope');
  route('GET', '/nope', false);
  route('GET', '/deposits');
  route('PUT', '/deposits');
  route('PATCH', '/deposits');
  route('DELETE', '/balance');
  route('POST', '/balance');
  route('POST', '/orders');
  route('OPTIONS', '/deposits');
  route('GET', '/deposits/');
  route('POST', '/deposits/');
  route('GET', '/BALANCE');
  route('GET', '//balance');
  route('POST', '/orders/BUY');
  route('POST', '/orders/buy/');
  route('POST', '/orders/sell/now');
  route('PUT', '/assets');
  route('DELETE', '/assets/BTC');
  route('GET', '/orders/buy');
  all.push({
    name: 'GET /health/../balance (a dot segment, sent raw)',
    status: 404,
    code: 'NOT_FOUND',
    send: (context) => ({
      raw: rawHttpRequest('GET', '/health/../balance', [['Authorization', `Bearer ${context.victimToken}`]]),
    }),
  });
  all.push({
    name: 'POST /balance with X-HTTP-Method-Override: GET',
    status: 404,
    code: 'NOT_FOUND',
    send: post('/balance', '{}', () => ({ 'x-http-method-override': 'GET' })),
  });

  // PUT /assets: admin only, and a symbol and body of the right shape.
  const putAsset = (
    name: string,
    token: 'victim' | 'admin',
    symbol: (context: Context) => string,
    body: string,
    status: number,
    code: ErrorCode,
  ) =>
    all.push({
      name: `PUT /assets/{symbol} ${name}`,
      status,
      code,
      send: (context) => ({
        http: {
          method: 'PUT',
          path: `/assets/${symbol(context)}`,
          body,
          headers: { ...bearer(token === 'admin' ? context.adminToken : context.victimToken), ...JSON_TYPE },
        },
      }),
      mustStayUnlisted: (context) => decodeURIComponent(symbol(context)),
    });
  const unlisted = (context: Context) => context.unlisted;
  const validListing = '{"price":"1.00","name":"Hostile"}';
  putAsset('by a non-admin', 'victim', unlisted, validListing, 403, 'FORBIDDEN');
  putAsset('by a non-admin, with a bad body', 'victim', unlisted, '{"price":-1}', 403, 'FORBIDDEN');
  putAsset('by a non-admin, with a bad symbol', 'victim', () => 'lower', validListing, 403, 'FORBIDDEN');
  putAsset(
    'with a lower-case symbol',
    'admin',
    (context) => context.unlisted.toLowerCase(),
    validListing,
    400,
    'VALIDATION_ERROR',
  );
  putAsset('with a one-character symbol', 'admin', () => 'H', validListing, 400, 'VALIDATION_ERROR');
  putAsset(
    'with an eleven-character symbol',
    'admin',
    () => 'HOSTILE1234',
    validListing,
    400,
    'VALIDATION_ERROR',
  );
  putAsset('with a hyphenated symbol', 'admin', () => 'H-X', validListing, 400, 'VALIDATION_ERROR');
  putAsset(
    'with a key separator in the symbol',
    'admin',
    () => 'HX%23BTC',
    validListing,
    400,
    'VALIDATION_ERROR',
  );
  putAsset('with a non-ASCII symbol', 'admin', () => '%E2%82%BF', validListing, 400, 'VALIDATION_ERROR');
  putAsset('with a negative price', 'admin', unlisted, '{"price":"-1.00"}', 400, 'VALIDATION_ERROR');
  putAsset('with a zero price', 'admin', unlisted, '{"price":"0"}', 400, 'VALIDATION_ERROR');
  putAsset('with three decimal places', 'admin', unlisted, '{"price":"1.001"}', 400, 'VALIDATION_ERROR');
  putAsset('with an exponent price', 'admin', unlisted, '{"price":"1e3"}', 400, 'VALIDATION_ERROR');
  putAsset('with a price as a JSON number', 'admin', unlisted, '{"price":51000}', 400, 'VALIDATION_ERROR');
  putAsset(
    'with a price over the limit',
    'admin',
    unlisted,
    '{"price":"1000000000.01"}',
    400,
    'VALIDATION_ERROR',
  );
  putAsset('with no price', 'admin', unlisted, '{"name":"Hostile"}', 400, 'VALIDATION_ERROR');
  putAsset('with an empty name', 'admin', unlisted, '{"price":"1.00","name":""}', 400, 'VALIDATION_ERROR');
  putAsset('with a blank name', 'admin', unlisted, '{"price":"1.00","name":"   "}', 400, 'VALIDATION_ERROR');
  putAsset(
    'with a 101-character name',
    'admin',
    unlisted,
    JSON.stringify({ price: '1.00', name: 'n'.repeat(101) }),
    400,
    'VALIDATION_ERROR',
  );
  putAsset('with a numeric name', 'admin', unlisted, '{"price":"1.00","name":5}', 400, 'VALIDATION_ERROR');
  putAsset(
    'with an unknown field',
    'admin',
    unlisted,
    '{"price":"1.00","listed":false}',
    400,
    'VALIDATION_ERROR',
  );
  putAsset('with an array body', 'admin', unlisted, '[{"price":"1.00"}]', 400, 'VALIDATION_ERROR');
  putAsset('with malformed JSON', 'admin', unlisted, '{"price":', 400, 'VALIDATION_ERROR');
  putAsset(
    'with a body over 16 KiB',
    'admin',
    unlisted,
    `{"price":"1.00"}${' '.repeat(17 * 1024)}`,
    400,
    'VALIDATION_ERROR',
  );
  all.push({
    name: 'PUT /assets/{symbol} with a forged admin token',
    status: 401,
    code: 'UNAUTHORIZED',
    send: (context) => ({
      http: {
        method: 'PUT',
        path: `/assets/${context.unlisted}`,
        body: validListing,
        headers: { ...bearer(context.tokens.otherKeyAdmin), ...JSON_TYPE },
      },
    }),
    mustStayUnlisted: unlisted,
  });
  all.push({
    name: 'PUT /assets/{symbol} with an unsigned admin token',
    status: 401,
    code: 'UNAUTHORIZED',
    send: (context) => ({
      http: {
        method: 'PUT',
        path: `/assets/${context.unlisted}`,
        body: validListing,
        headers: { ...bearer(context.tokens.algNone), ...JSON_TYPE },
      },
    }),
    mustStayUnlisted: unlisted,
  });
  return all;
}

const HOSTILE_CASES = cases();

let api: TestApi;
let context: Context;

async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await api.request<T>(method, path, { token, body });
  if (response.status >= 300)
    throw new Error(`Setup ${method} ${path} answered ${response.status}: ${response.text}`);
  return response.json;
}

beforeAll(async () => {
  api = await startTestApi();
  const victim = newUserId('victim');
  const other = newUserId('other');
  const victimToken = await api.tokenFor(victim);
  const otherToken = await api.tokenFor(other);
  for (const token of [victimToken, otherToken]) {
    await call('POST', '/deposits', token, { amount: '1000.00' });
    await call('POST', '/deposits', token, { amount: '1000.00' });
  }
  const victimOrder = await call<{ order: { orderId: string } }>('POST', '/orders/buy', victimToken, {
    asset: 'BTC',
    quantity: '0.001',
  });
  const otherOrder = await call<{ order: { orderId: string } }>('POST', '/orders/buy', otherToken, {
    asset: 'BTC',
    quantity: '0.001',
  });
  const victimPage = await call<{ nextCursor: string | null }>('GET', '/transactions?limit=1', victimToken);
  const otherPage = await call<{ nextCursor: string | null }>('GET', '/transactions?limit=1', otherToken);
  if (!victimPage.nextCursor || !otherPage.nextCursor) throw new Error('Setup expected a second page');
  let unlisted = '';
  for (;;) {
    unlisted = `HX${randomInt(10_000_000)}`;
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.asset(unlisted) }),
    );
    if (!Item) break;
  }
  context = {
    victim,
    victimToken,
    adminToken: await api.tokenFor(newUserId('admin'), { admin: true }),
    tokens: await hostileTokens(victim, other),
    other,
    otherOrderId: otherOrder.order.orderId,
    otherTxCursor: otherPage.nextCursor,
    victimOrderId: victimOrder.order.orderId,
    victimTxCursor: victimPage.nextCursor,
    unlisted,
  };
});

afterAll(async () => {
  await api?.stop();
});

function send(sent: Sent): Promise<HostileResponse> {
  return 'raw' in sent ? sendRawHttp(api.url, sent.raw) : sendHostile(api.url, sent.http);
}

async function isListed(symbol: string): Promise<boolean> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.asset(symbol), ConsistentRead: true }),
  );
  return Item !== undefined;
}

describe('hostile input through the local HTTP server', () => {
  it('sends at least 80 distinct hostile requests', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(HOSTILE_CASES.map((hostile) => hostile.name)).size).toBe(HOSTILE_CASES.length);
  });

  it.each(HOSTILE_CASES.map((hostile) => [hostile.name, hostile] as const))('%s', async (_name, hostile) => {
    const before = await snapshotAccount(context.victim);
    const response = await send(hostile.send(context));
    const error = expectContractError(response, hostile.status, hostile.code, {
      allowOrder: hostile.failedOrder,
    });
    const after = await snapshotAccount(context.victim);

    expect(after.balance, 'balance').toEqual(before.balance);
    expect(after.ledger, 'ledger').toEqual(before.ledger);
    if (hostile.failedOrder) {
      // The refused order is kept, FAILED, and the body carries it; nothing else appears.
      const added = addedItems(before, after);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatch(/^ORDER#/);
      expect(error.order).toMatchObject({ status: 'FAILED', failureReason: hostile.code });
      expect(added[0]).toBe(`ORDER#${String(error.order?.orderId)}`);
      const { [added[0] ?? '']: _failed, ...rest } = after.items;
      expect(rest).toEqual(before.items);
    } else {
      expect(after.items, 'every stored item of the account').toEqual(before.items);
    }
    if (hostile.code === 'INSUFFICIENT_FUNDS') {
      expect(error.message).toMatch(
        /^Insufficient funds: available \d+\.\d{2} USD, required \d+\.\d{2} USD$/,
      );
    }
    if (hostile.mustStayUnlisted) {
      expect(await isListed(hostile.mustStayUnlisted(context)), 'no listing was created').toBe(false);
    }
  });

  it('left Object.prototype alone (handlers run in this process)', () => {
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.amount).toBeUndefined();
    expect(probe.price).toBeUndefined();
  });
});

describe('requests broken below HTTP semantics', () => {
  // The contract: "The body is always JSON". Node's HTTP parser answers these before the API sees them.
  it('answers a header block over the parser limit with the contract error, not a bare status', async () => {
    const response = await sendRawHttp(
      api.url,
      rawHttpRequest('GET', '/balance', [
        ['Authorization', `Bearer ${context.victimToken}`],
        ['X-Padding', 'p'.repeat(20_000)],
      ]),
    );
    expectContractError(response, 400, 'VALIDATION_ERROR');
  });

  it('answers a request line that is not HTTP with the contract error, not a bare status', async () => {
    const response = await sendRawHttp(api.url, Buffer.from('HELLO THERE\r\n\r\n'));
    expectContractError(response, 400, 'VALIDATION_ERROR');
  });
});
