import { describe, expect, it } from 'vitest';
import { acceptedErrorCodes, errorBody, headersFor, jsonResponse } from '../support/openapi-error-codes';
import { type ObservedResponse, OpenApiSpec } from '../support/openapi-validator';

/**
 * openapi.yaml against docs/api-contract.md, written out by hand from the contract so that the two
 * are compared, not the spec with itself. Each check is behavioural where it can be: sample bodies
 * are validated, rather than the YAML's wording inspected.
 */
const spec = OpenApiSpec.load();

const ALL_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'LOCKED',
  'IDEMPOTENCY_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REUSED',
  'INSUFFICIENT_FUNDS',
  'INSUFFICIENT_ASSET',
  'UNKNOWN_ASSET',
  'DAILY_LIMIT_EXCEEDED',
  'SAME_ACCOUNT',
  'UNKNOWN_PAYEE',
  'RESERVED_SYMBOL',
  'ORDER_NOT_OPEN',
  'REQUEST_TIMEOUT',
  'HOLD_ALREADY_CAPTURED',
  'HOLD_ALREADY_VOIDED',
  'HOLD_EXPIRED',
  'CAPTURE_EXCEEDS_HOLD',
  'INTERNAL',
  'UNAVAILABLE',
] as const;
type Code = (typeof ALL_CODES)[number];

interface ContractRoute {
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly path: string;
  readonly success: number;
  readonly authenticated: boolean;
  /** Every error status the route can answer, with the codes each may carry. */
  readonly errors: Readonly<Record<number, readonly Code[]>>;
  /** Order routes: a 422 or 5xx body may carry the FAILED order. */
  readonly order?: boolean;
  /** Cash routes: a 422 body may carry the daily-limit figures. */
  readonly dailyLimit?: boolean;
}

/** Locally, any request that does not arrive in time. */
const timedOut = { 408: ['REQUEST_TIMEOUT'] } as const satisfies Record<number, readonly Code[]>;
const authenticatedErrors = {
  400: ['VALIDATION_ERROR'],
  401: ['UNAUTHORIZED'],
  ...timedOut,
  500: ['INTERNAL'],
  503: ['UNAVAILABLE'],
} as const satisfies Record<number, readonly Code[]>;
const postErrors = (...business: Code[]) => ({
  ...authenticatedErrors,
  409: ['LOCKED', 'IDEMPOTENCY_IN_PROGRESS'] as Code[],
  422: [...business, 'IDEMPOTENCY_KEY_REUSED'] as Code[],
});

const HOLD_CONFLICTS: Code[] = ['HOLD_ALREADY_CAPTURED', 'HOLD_ALREADY_VOIDED', 'HOLD_EXPIRED'];

const CONTRACT_ROUTES: readonly ContractRoute[] = [
  {
    method: 'GET',
    path: '/health',
    success: 200,
    authenticated: false,
    errors: { ...timedOut, 500: ['INTERNAL'] },
  },
  { method: 'GET', path: '/assets', success: 200, authenticated: true, errors: authenticatedErrors },
  {
    method: 'PUT',
    path: '/assets/{asset}',
    success: 200,
    authenticated: true,
    errors: { ...authenticatedErrors, 403: ['FORBIDDEN'], 422: ['RESERVED_SYMBOL'] },
  },
  {
    method: 'POST',
    path: '/deposits',
    success: 201,
    authenticated: true,
    errors: postErrors('DAILY_LIMIT_EXCEEDED'),
    dailyLimit: true,
  },
  {
    method: 'POST',
    path: '/withdrawals',
    success: 201,
    authenticated: true,
    errors: postErrors('INSUFFICIENT_FUNDS', 'DAILY_LIMIT_EXCEEDED'),
    dailyLimit: true,
  },
  {
    method: 'POST',
    path: '/transfers',
    success: 201,
    authenticated: true,
    errors: postErrors('INSUFFICIENT_FUNDS', 'SAME_ACCOUNT', 'UNKNOWN_PAYEE', 'DAILY_LIMIT_EXCEEDED'),
    dailyLimit: true,
  },
  {
    method: 'POST',
    path: '/holds',
    success: 201,
    authenticated: true,
    errors: postErrors('INSUFFICIENT_FUNDS', 'SAME_ACCOUNT', 'UNKNOWN_PAYEE', 'DAILY_LIMIT_EXCEEDED'),
    dailyLimit: true,
  },
  {
    method: 'POST',
    path: '/holds/{holdId}/capture',
    success: 201,
    authenticated: true,
    errors: {
      ...postErrors('CAPTURE_EXCEEDS_HOLD'),
      403: ['FORBIDDEN'],
      404: ['NOT_FOUND'],
      409: [...HOLD_CONFLICTS, 'LOCKED', 'IDEMPOTENCY_IN_PROGRESS'],
    },
  },
  {
    method: 'POST',
    path: '/holds/{holdId}/void',
    success: 201,
    authenticated: true,
    errors: {
      ...postErrors(),
      404: ['NOT_FOUND'],
      409: [...HOLD_CONFLICTS, 'LOCKED', 'IDEMPOTENCY_IN_PROGRESS'],
    },
  },
  { method: 'GET', path: '/holds', success: 200, authenticated: true, errors: authenticatedErrors },
  {
    method: 'GET',
    path: '/holds/{holdId}',
    success: 200,
    authenticated: true,
    errors: { ...authenticatedErrors, 404: ['NOT_FOUND'] },
  },
  {
    method: 'POST',
    path: '/orders/buy',
    success: 201,
    authenticated: true,
    errors: postErrors('INSUFFICIENT_FUNDS', 'UNKNOWN_ASSET'),
    order: true,
  },
  {
    method: 'POST',
    path: '/orders/sell',
    success: 201,
    authenticated: true,
    errors: postErrors('INSUFFICIENT_ASSET', 'UNKNOWN_ASSET'),
    order: true,
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/cancel',
    success: 201,
    authenticated: true,
    errors: {
      ...authenticatedErrors,
      404: ['NOT_FOUND'],
      409: ['ORDER_NOT_OPEN', 'LOCKED', 'IDEMPOTENCY_IN_PROGRESS'],
      422: ['IDEMPOTENCY_KEY_REUSED'],
    },
  },
  { method: 'GET', path: '/balance', success: 200, authenticated: true, errors: authenticatedErrors },
  { method: 'GET', path: '/portfolio', success: 200, authenticated: true, errors: authenticatedErrors },
  { method: 'GET', path: '/orders', success: 200, authenticated: true, errors: authenticatedErrors },
  {
    method: 'GET',
    path: '/orders/{orderId}',
    success: 200,
    authenticated: true,
    errors: { ...authenticatedErrors, 404: ['NOT_FOUND'] },
  },
  { method: 'GET', path: '/transactions', success: 200, authenticated: true, errors: authenticatedErrors },
  {
    method: 'GET',
    path: '/users/{userId}/limits',
    success: 200,
    authenticated: true,
    errors: { ...authenticatedErrors, 404: ['NOT_FOUND'] },
  },
  {
    method: 'PUT',
    path: '/users/{userId}/limits',
    success: 200,
    authenticated: true,
    errors: { ...authenticatedErrors, 403: ['FORBIDDEN'], 404: ['NOT_FOUND'], 409: ['LOCKED'] },
  },
];

const routeName = (route: { method: string; path: string }) => `${route.method.toUpperCase()} ${route.path}`;

function operationOf(route: ContractRoute) {
  const found = spec.operation(route.method, route.path);
  if (!found) throw new Error(`${routeName(route)} is not in openapi.yaml`);
  return found;
}

const TIMESTAMP = '2024-06-01T12:00:00.000Z';
const order = (fields: Record<string, unknown> = {}) => ({
  orderId: 'ord-1',
  side: 'BUY',
  type: 'MARKET',
  asset: 'BTC',
  quantity: '0.01000000',
  price: '50000.00',
  total: '500.00',
  status: 'COMPLETED',
  createdAt: TIMESTAMP,
  updatedAt: TIMESTAMP,
  ...fields,
});
const failedOrder = order({ status: 'FAILED', failureReason: 'Insufficient funds.' });
const DAILY_LIMIT = {
  kind: 'withdrawal',
  day: '2024-06-01',
  limit: '5000.00',
  used: '4800.00',
  remaining: '200.00',
  requested: '300.00',
  resetsAt: '2024-06-02T00:00:00.000Z',
};
const tx = (fields: Record<string, unknown> = {}) => ({
  id: 'tx-1',
  type: 'WITHDRAWAL',
  asset: 'USD',
  amount: '-30.00',
  balanceAfter: '70.00',
  createdAt: TIMESTAMP,
  ...fields,
});
const BALANCE = {
  cash: { available: '70.00', held: '0.00' },
  assets: { BTC: { available: '0.01000000', held: '0.00000000' } },
};

const schema = (name: string) => `#/components/schemas/${name}`;
const valid = (pointer: string, value: unknown) => expect(spec.schemaProblems(pointer, value)).toEqual([]);
const invalid = (pointer: string, value: unknown) =>
  expect(spec.schemaProblems(pointer, value), JSON.stringify(value)).not.toEqual([]);

describe('openapi.yaml: the document', () => {
  it('is OpenAPI 3.1.0', () => {
    expect(spec.document.openapi).toBe('3.1.0');
  });

  it('has every route of the contract and no other', () => {
    const documented = spec.operations().map(routeName).sort();
    expect(documented).toEqual(CONTRACT_ROUTES.map(routeName).sort());
  });

  it('names the local server, PORT 3000 by default, and the AWS ApiUrl', () => {
    const servers = spec.document.servers ?? [];
    const local = servers.find((server) => server.url.startsWith('http://127.0.0.1:'));
    expect(local?.url).toBe('http://127.0.0.1:{port}');
    expect(local?.variables?.port?.default).toBe('3000');
    expect(servers.some((server) => /^https:\/\/.*execute-api\..*amazonaws\.com/.test(server.url))).toBe(
      true,
    );
  });

  it('declares a JWT bearer scheme and requires it by default', () => {
    expect(spec.document.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(spec.document.security).toEqual([{ bearerAuth: [] }]);
  });

  it('gives every operation a unique operationId', () => {
    const ids = spec.operations().map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(CONTRACT_ROUTES)('openapi.yaml: $method $path', (route) => {
  const { operation } = operationOf(route);
  const responses = spec.responses(operation);

  it(`documents its success status ${route.success} with a JSON body`, () => {
    expect(responses[String(route.success)]?.content?.['application/json']?.schema).toBeDefined();
  });

  it('documents exactly the error statuses the contract gives it', () => {
    const errorStatuses = Object.keys(responses).filter((status) => status !== String(route.success));
    expect(errorStatuses.sort()).toEqual(Object.keys(route.errors).sort());
  });

  it.each(Object.entries(route.errors))('its %s accepts exactly the codes %j', (status, codes) => {
    const accepted = acceptedErrorCodes(spec, route.method, route.path, Number(status), ALL_CODES);
    expect(accepted).toEqual(ALL_CODES.filter((code) => codes.includes(code)));
  });

  it('refuses an error body that is not the contract shape', () => {
    const [status = '500', codes = []] = Object.entries(route.errors)[0] ?? [];
    const code = codes[0] ?? 'INTERNAL';
    const withStatus = (body: unknown) =>
      spec.responseProblems(
        route.method,
        route.path,
        jsonResponse(Number(status), body, headersFor(+status)),
      );
    expect(withStatus({ error: { code, message: 'm' } })).not.toEqual([]);
    expect(withStatus({ error: { code, message: 'm', requestId: 'r', stack: 'at x' } })).not.toEqual([]);
    expect(withStatus({ code, message: 'm', requestId: 'r' })).not.toEqual([]);
    expect(withStatus({ message: 'Internal Server Error' })).not.toEqual([]);
  });

  it(route.order ? 'carries the FAILED order on 422 and 5xx' : 'never carries an order in an error', () => {
    for (const [status, codes] of Object.entries(route.errors)) {
      const check = (extra: Record<string, unknown>) =>
        spec.responseProblems(
          route.method,
          route.path,
          jsonResponse(Number(status), errorBody(codes[0] ?? 'INTERNAL', extra), headersFor(Number(status))),
        );
      const mayCarry = route.order === true && (status === '422' || status.startsWith('5'));
      expect(check({ order: failedOrder }).length === 0, `status ${status}`).toBe(mayCarry);
      if (mayCarry) {
        expect(check({ order: order() }), 'a COMPLETED order in an error').not.toEqual([]);
        expect(check({ order: order({ status: 'FAILED' }) }), 'FAILED without a reason').not.toEqual([]);
      }
    }
  });

  it(
    route.dailyLimit ? 'carries the daily-limit figures on 422' : 'never carries daily-limit figures',
    () => {
      for (const [status, codes] of Object.entries(route.errors)) {
        const check = (dailyLimit: unknown) =>
          spec.responseProblems(
            route.method,
            route.path,
            jsonResponse(
              Number(status),
              errorBody(codes[0] ?? 'INTERNAL', { dailyLimit }),
              headersFor(Number(status)),
            ),
          );
        const mayCarry = route.dailyLimit === true && status === '422';
        expect(check(DAILY_LIMIT).length === 0, `status ${status}`).toBe(mayCarry);
        if (mayCarry) {
          expect(check({ ...DAILY_LIMIT, used: '4800' }), 'not at full scale').not.toEqual([]);
          expect(check({ ...DAILY_LIMIT, kind: 'buy' }), 'an unknown kind').not.toEqual([]);
          const { remaining: _left, ...withoutRemaining } = DAILY_LIMIT;
          expect(check(withoutRemaining), 'without what is left').not.toEqual([]);
        }
      }
    },
  );

  if (route.authenticated) {
    it('requires the bearer token (inherits the global security)', () => {
      expect(operation.security).toBeUndefined();
    });
  } else {
    it('needs no token', () => {
      expect(operation.security).toEqual([]);
    });
  }

  if (route.method === 'POST') {
    it('takes an optional Idempotency-Key header of 1 to 255 characters from A-Z a-z 0-9 _ - : .', () => {
      const key = spec.parameters(operation).find((parameter) => parameter.name === 'Idempotency-Key');
      expect(key).toMatchObject({ in: 'header', required: false });
      expect(key?.schema?.pattern).toBe('^[A-Za-z0-9_\\-:.]{1,255}$');
      const pattern = new RegExp(String(key?.schema?.pattern));
      for (const good of ['a', 'order-1:retry.2_x', 'A'.repeat(255)])
        expect(pattern.test(good), good).toBe(true);
      for (const bad of ['', 'a b', 'ü', 'a/b', 'A'.repeat(256)]) expect(pattern.test(bad), bad).toBe(false);
    });

    it('says Idempotent-Replayed: true on replayed 201 and 422 answers', () => {
      for (const status of ['201', '422']) {
        const header = spec.deref(
          responses[status]?.headers?.['Idempotent-Replayed'] ?? { $ref: '#/missing' },
        );
        expect(header.schema, status).toMatchObject({ enum: ['true'] });
      }
    });
  } else {
    it('takes no Idempotency-Key', () => {
      expect(spec.parameters(operation).map((parameter) => parameter.name)).not.toContain('Idempotency-Key');
    });
  }

  if (route.errors[503]) {
    it('503 requires Retry-After, in whole seconds', () => {
      const unavailable = (headers: Record<string, string>) =>
        spec.responseProblems(route.method, route.path, jsonResponse(503, errorBody('UNAVAILABLE'), headers));
      expect(unavailable({ 'retry-after': '1' })).toEqual([]);
      expect(unavailable({})).toEqual([expect.stringContaining('Retry-After is required')]);
      expect(unavailable({ 'retry-after': 'soon' })).not.toEqual([]);
    });
  }

  if (route.errors[409]) {
    it('409 documents Retry-After for LOCKED', () => {
      const conflict = (headers: Record<string, string>) =>
        spec.responseProblems(route.method, route.path, jsonResponse(409, errorBody('LOCKED'), headers));
      expect(conflict({ 'retry-after': '3' })).toEqual([]);
      expect(conflict({ 'retry-after': '0' })).not.toEqual([]);
    });
  }
});

describe('openapi.yaml: parameters', () => {
  const parameter = (method: string, path: string, name: string) => {
    const found = spec.operation(method, path);
    if (!found) throw new Error(`${method} ${path} is missing`);
    return spec.parameters(found.operation).find((candidate) => candidate.name === name);
  };

  it.each(['/orders', '/transactions'])('GET %s pages with limit (1..100, default 20) and cursor', (path) => {
    expect(parameter('GET', path, 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    });
    expect(parameter('GET', path, 'cursor')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'string' },
    });
  });

  it('the asset path parameter is a symbol matching ^[A-Z0-9]{2,10}$', () => {
    const asset = parameter('PUT', '/assets/{asset}', 'asset');
    expect(asset).toMatchObject({ in: 'path', required: true });
    valid(schema('AssetSymbol'), 'BTC');
    valid(schema('AssetSymbol'), 'A1B2C3D4E5');
    for (const bad of ['btc', 'B', 'ABCDEFGHIJK', 'BT-C', '']) invalid(schema('AssetSymbol'), bad);
  });

  it('the orderId path parameter is required', () => {
    expect(parameter('GET', '/orders/{orderId}', 'orderId')).toMatchObject({ in: 'path', required: true });
  });
});

describe('openapi.yaml: request bodies are strict and follow the decimal rules', () => {
  const deposits = spec.requestBodyPointer('POST', '/deposits');
  const withdrawals = spec.requestBodyPointer('POST', '/withdrawals');
  const buy = spec.requestBodyPointer('POST', '/orders/buy');
  const sell = spec.requestBodyPointer('POST', '/orders/sell');
  const putAsset = spec.requestBodyPointer('PUT', '/assets/{asset}');

  it.each([deposits, withdrawals])('%s: a USD amount as a plain decimal string or a number', (pointer) => {
    for (const amount of ['100.00', '100', '100.5', '0.01', '1000000000', 100.5, 30, 0.01]) {
      valid(pointer, { amount });
    }
    for (const amount of [
      '-1',
      '+1',
      '1e5',
      ' 1',
      '1 ',
      '',
      'NaN',
      'Infinity',
      '1,000',
      '1.',
      '.5',
      '0.001',
      '١٠٠',
      -1,
      0,
      0.001,
      1e10,
      null,
      true,
      ['1'],
    ]) {
      invalid(pointer, { amount });
    }
  });

  it.each([deposits, withdrawals])('%s: unknown and missing fields are refused', (pointer) => {
    invalid(pointer, { amount: '1', currency: 'USD' });
    invalid(pointer, {});
    invalid(pointer, ['1']);
  });

  it.each([buy, sell])('%s: an asset symbol and a quantity of at most 8 decimals', (pointer) => {
    for (const quantity of ['0.01', '0.00012345', '1', 0.5, 0.00000001])
      valid(pointer, { asset: 'BTC', quantity });
    for (const quantity of ['0.000000001', '-0.01', '1e-2', '', 0, -1])
      invalid(pointer, { asset: 'BTC', quantity });
    invalid(pointer, { asset: 'BTC', quantity: '0.01', price: '1.00' });
    invalid(pointer, { quantity: '0.01' });
    invalid(pointer, { asset: 'BTC' });
  });

  it('POST /orders/buy: a MARKET order by default, or a LIMIT order with its limit and expiry', () => {
    const buy = spec.requestBodyPointer('POST', '/orders/buy');
    valid(buy, { asset: 'BTC', quantity: '0.01' });
    valid(buy, {
      asset: 'BTC',
      quantity: '0.01',
      type: 'LIMIT',
      limitPrice: '49000.00',
      expiresInSeconds: 60,
    });
    invalid(buy, { asset: 'BTC', quantity: '0.01', type: 'STOP' });
    invalid(buy, {
      asset: 'BTC',
      quantity: '0.01',
      type: 'LIMIT',
      limitPrice: '49000.00',
      expiresInSeconds: 0,
    });
    invalid(buy, {
      asset: 'BTC',
      quantity: '0.01',
      type: 'LIMIT',
      limitPrice: '49000.00',
      expiresInSeconds: 2_592_001,
    });
    invalid(buy, { asset: 'BTC', quantity: '0.01', type: 'LIMIT', limitPrice: 49000 });
  });

  it('POST /transfers: a payee, a USD amount and an optional memo of at most 140 characters', () => {
    const transfers = spec.requestBodyPointer('POST', '/transfers');
    valid(transfers, { to: 'bob', amount: '25.00', memo: 'job 42' });
    valid(transfers, { to: 'bob', amount: 25 });
    valid(transfers, { to: 'bob', amount: '1', memo: '€'.repeat(140) });
    invalid(transfers, { to: 'bob', amount: '1', memo: 'x'.repeat(141) });
    invalid(transfers, { to: '', amount: '1' });
    invalid(transfers, { to: 'x'.repeat(129), amount: '1' });
    invalid(transfers, { to: 'bob', amount: '0.001' });
    invalid(transfers, { to: 'bob' });
    invalid(transfers, { amount: '1' });
    invalid(transfers, { to: 'bob', amount: '1', from: 'alice' });
  });

  it('POST /holds: a payee, a USD amount and a whole number of seconds from 1 to 7 days', () => {
    const holds = spec.requestBodyPointer('POST', '/holds');
    valid(holds, { to: 'bob', amount: '25.00', expiresInSeconds: 3600 });
    valid(holds, { to: 'bob', amount: 25, expiresInSeconds: 1 });
    valid(holds, { to: 'bob', amount: '1', expiresInSeconds: 604_800 });
    for (const expiresInSeconds of [0, 604_801, 1.5, '60', -1])
      invalid(holds, { to: 'bob', amount: '1', expiresInSeconds });
    invalid(holds, { to: 'bob', amount: '1' });
    invalid(holds, { to: '', amount: '1', expiresInSeconds: 60 });
    invalid(holds, { to: 'bob', amount: '0.001', expiresInSeconds: 60 });
    invalid(holds, { to: 'bob', amount: '1', expiresInSeconds: 60, memo: 'x' });
  });

  it('POST /holds/{holdId}/capture takes an optional USD amount; void takes nothing', () => {
    const capture = spec.requestBodyPointer('POST', '/holds/{holdId}/capture');
    valid(capture, {});
    valid(capture, { amount: '10.00' });
    invalid(capture, { amount: '0.001' });
    invalid(capture, { amount: '1', to: 'bob' });
    const voiding = spec.requestBodyPointer('POST', '/holds/{holdId}/void');
    valid(voiding, {});
    invalid(voiding, { amount: '1' });
  });

  it('PUT /assets/{asset}: a price string and an optional name', () => {
    valid(putAsset, { price: '51000.00', name: 'Bitcoin' });
    valid(putAsset, { price: '51000' });
    invalid(putAsset, { price: 51000 });
    invalid(putAsset, { price: '51000.001' });
    invalid(putAsset, { name: 'Bitcoin' });
    invalid(putAsset, { price: '1.00', name: '' });
    invalid(putAsset, { price: '1.00', symbol: 'BTC' });
  });
});

describe('openapi.yaml: shapes as the contract writes them', () => {
  it('Balance: cash and a map of asset holdings, at full scale', () => {
    valid(schema('Balance'), BALANCE);
    valid(schema('Balance'), { cash: { available: '0.00', held: '0.00' }, assets: {} });
    invalid(schema('Balance'), { ...BALANCE, cash: { available: '70.0', held: '0.00' } });
    invalid(schema('Balance'), { ...BALANCE, assets: { BTC: { available: '0.01', held: '0.00000000' } } });
    invalid(schema('Balance'), { ...BALANCE, assets: { btc: BALANCE.assets.BTC } });
    invalid(schema('Balance'), { ...BALANCE, total: '70.00' });
    invalid(schema('Balance'), { cash: BALANCE.cash });
  });

  it('Portfolio: the time read, cash, one line per asset with its price and value, and the total', () => {
    const line = { asset: 'BTC', quantity: '0.01000000', price: '50000.00', value: '500.00' };
    const portfolio = { asOf: TIMESTAMP, cash: '70.00', assets: [line], total: '570.00' };
    valid(schema('Portfolio'), portfolio);
    valid(schema('Portfolio'), { ...portfolio, assets: [], total: '70.00' });
    invalid(schema('Portfolio'), { ...portfolio, total: 570 });
    invalid(schema('Portfolio'), { ...portfolio, cash: '70.0' });
    invalid(schema('Portfolio'), { ...portfolio, assets: [{ ...line, quantity: '0.01' }] });
    invalid(schema('Portfolio'), { ...portfolio, assets: [{ ...line, value: '500.001' }] });
    invalid(schema('Portfolio'), {
      ...portfolio,
      assets: [{ asset: 'BTC', quantity: '0.01000000', value: '500.00' }],
    });
    invalid(schema('Portfolio'), { cash: '70.00', assets: [], total: '70.00' });
    invalid(schema('Portfolio'), { ...portfolio, currency: 'USD' });
  });

  it('Tx: signed amounts at the scale of their asset', () => {
    valid(schema('Tx'), tx());
    valid(schema('Tx'), tx({ type: 'DEPOSIT', amount: '100.00', balanceAfter: '100.00' }));
    valid(schema('Tx'), tx({ type: 'BUY', amount: '-500.00', balanceAfter: '0.00', orderId: 'ord-1' }));
    valid(
      schema('Tx'),
      tx({ type: 'BUY', asset: 'BTC', amount: '0.01000000', balanceAfter: '0.01000000', orderId: 'o' }),
    );
    valid(
      schema('Tx'),
      tx({ type: 'SELL', asset: 'BTC', amount: '-0.01000000', balanceAfter: '0.00000000' }),
    );
    valid(schema('Tx'), tx({ type: 'SELL', amount: '499.99', balanceAfter: '499.99' }));
    invalid(schema('Tx'), tx({ amount: '30.00' }));
    invalid(schema('Tx'), tx({ type: 'DEPOSIT', amount: '-30.00' }));
    invalid(
      schema('Tx'),
      tx({ type: 'DEPOSIT', asset: 'BTC', amount: '1.00000000', balanceAfter: '1.00000000' }),
    );
    invalid(schema('Tx'), tx({ type: 'BUY', asset: 'BTC', amount: '0.01', balanceAfter: '0.01000000' }));
    invalid(schema('Tx'), tx({ type: 'BUY', amount: '500.00' }));
    invalid(schema('Tx'), tx({ amount: '-30.0' }));
    invalid(schema('Tx'), tx({ balanceAfter: '-1.00' }));
    invalid(schema('Tx'), tx({ type: 'FEE' }));
    const transferTx = (fields: Record<string, unknown>) =>
      tx({ transferId: 'tr-1', counterparty: 'bob', memo: 'job 42', ...fields });
    valid(schema('Tx'), transferTx({ type: 'TRANSFER_OUT', amount: '-25.00', balanceAfter: '45.00' }));
    valid(schema('Tx'), transferTx({ type: 'TRANSFER_IN', amount: '25.00', balanceAfter: '25.00' }));
    invalid(schema('Tx'), transferTx({ type: 'TRANSFER_OUT', amount: '25.00' }));
    invalid(schema('Tx'), transferTx({ type: 'TRANSFER_IN', amount: '-25.00' }));
    invalid(schema('Tx'), tx({ type: 'TRANSFER_IN', amount: '25.00', counterparty: 'bob' }));
    invalid(schema('Tx'), transferTx({ type: 'TRANSFER_IN', asset: 'BTC', amount: '1.00000000' }));
    valid(
      schema('Tx'),
      transferTx({ type: 'TRANSFER_IN', amount: '15.00', balanceAfter: '16.00', holdId: 'h' }),
    );
    invalid(
      schema('Tx'),
      transferTx({ type: 'TRANSFER_IN', amount: '15.00', balanceAfter: '16.00', holdId: '' }),
    );
    invalid(schema('Tx'), tx({ createdAt: '2024-06-01T12:00:00+02:00' }));
    invalid(schema('Tx'), tx({ note: 'x' }));
  });

  it('Order: full-scale decimals, a known status, and a reason when FAILED', () => {
    valid(schema('Order'), order());
    valid(schema('Order'), order({ status: 'PENDING' }));
    valid(schema('Order'), failedOrder);
    invalid(schema('Order'), order({ status: 'FAILED' }));
    valid(
      schema('Order'),
      order({ status: 'CANCELLED', type: 'LIMIT', limitPrice: '49000.00', expiresAt: TIMESTAMP }),
    );
    invalid(schema('Order'), order({ status: 'OPEN', type: 'MARKET' }));
    invalid(schema('Order'), order({ status: 'CLOSED' }));
    invalid(schema('Order'), order({ type: 'STOP' }));
    const { type: _type, ...withoutType } = order();
    invalid(schema('Order'), withoutType);
    invalid(schema('Order'), order({ side: 'SHORT' }));
    invalid(schema('Order'), order({ quantity: '0.01' }));
    invalid(schema('Order'), order({ price: '50000' }));
    invalid(schema('Order'), order({ total: '500.001' }));
    invalid(schema('Order'), order({ userId: 'u' }));
    const { updatedAt: _omitted, ...withoutUpdatedAt } = order();
    invalid(schema('Order'), withoutUpdatedAt);
  });

  it('a buy or sell answers with a COMPLETED order, or a resting OPEN limit order, and the balance', () => {
    const open = order({
      status: 'OPEN',
      type: 'LIMIT',
      limitPrice: '49000.00',
      expiresAt: TIMESTAMP,
    });
    for (const path of ['/orders/buy', '/orders/sell']) {
      expect(
        spec.responseProblems('POST', path, jsonResponse(201, { order: order(), balance: BALANCE })),
      ).toEqual([]);
      expect(
        spec.responseProblems('POST', path, jsonResponse(201, { order: open, balance: BALANCE })),
      ).toEqual([]);
      expect(
        spec.responseProblems(
          'POST',
          path,
          jsonResponse(201, { order: { ...open, type: 'MARKET' }, balance: BALANCE }),
        ),
      ).not.toEqual([]);
      expect(
        spec.responseProblems(
          'POST',
          path,
          jsonResponse(201, { order: order({ status: 'PENDING' }), balance: BALANCE }),
        ),
      ).not.toEqual([]);
    }
  });

  it('a deposit or withdrawal answers with the transaction and the balance', () => {
    for (const path of ['/deposits', '/withdrawals']) {
      expect(
        spec.responseProblems('POST', path, jsonResponse(201, { transaction: tx(), balance: BALANCE })),
      ).toEqual([]);
      expect(spec.responseProblems('POST', path, jsonResponse(201, { transaction: tx() }))).not.toEqual([]);
    }
  });

  it("a transfer answers with the transfer and the payer's balance", () => {
    const transfer = { transferId: 't', from: 'alice', to: 'bob', amount: '25.00', createdAt: TIMESTAMP };
    const answer = (body: unknown) => spec.responseProblems('POST', '/transfers', jsonResponse(201, body));
    expect(answer({ transfer, balance: BALANCE })).toEqual([]);
    expect(answer({ transfer: { ...transfer, memo: 'job 42' }, balance: BALANCE })).toEqual([]);
    expect(answer({ transfer: { ...transfer, amount: '25' }, balance: BALANCE })).not.toEqual([]);
    expect(answer({ transfer })).not.toEqual([]);
  });

  it('a hold route answers with the Hold, at full scale, in one of its four statuses', () => {
    const hold = {
      holdId: 'h',
      from: 'alice',
      to: 'bob',
      amount: '25.00',
      captured: '10.00',
      status: 'CAPTURED',
      expiresAt: TIMESTAMP,
      createdAt: TIMESTAMP,
      updatedAt: TIMESTAMP,
    };
    for (const path of ['/holds', '/holds/{holdId}/capture', '/holds/{holdId}/void']) {
      const answer = (body: unknown) => spec.responseProblems('POST', path, jsonResponse(201, body));
      expect(answer(hold)).toEqual([]);
      expect(answer({ ...hold, status: 'OPEN' })).not.toEqual([]);
      expect(answer({ ...hold, captured: '10' })).not.toEqual([]);
      expect(answer({ hold })).not.toEqual([]);
    }
    expect(spec.responseProblems('GET', '/holds/{holdId}', jsonResponse(200, hold))).toEqual([]);
  });

  it.each([
    ['/transactions', tx()],
    ['/orders', order()],
  ])('GET %s answers a page: items and a nextCursor that is a string or null', (path, item) => {
    const page = (body: unknown) => spec.responseProblems('GET', path, jsonResponse(200, body));
    expect(page({ items: [item], nextCursor: null })).toEqual([]);
    expect(page({ items: [item], nextCursor: 'eyJ4Ijoi' })).toEqual([]);
    expect(page({ items: [item] })).not.toEqual([]);
    expect(page({ items: Array.from({ length: 101 }, () => item), nextCursor: null })).not.toEqual([]);
  });

  it('GET /assets answers the listed assets; GET /health answers {"status":"ok"}', () => {
    const assets = { items: [{ asset: 'BTC', name: 'Bitcoin', price: '50000.00' }] };
    expect(spec.responseProblems('GET', '/assets', jsonResponse(200, assets))).toEqual([]);
    expect(
      spec.responseProblems(
        'GET',
        '/assets',
        jsonResponse(200, { items: [{ asset: 'BTC', price: '50000' }] }),
      ),
    ).not.toEqual([]);
    expect(spec.responseProblems('GET', '/health', jsonResponse(200, { status: 'ok' }))).toEqual([]);
    expect(spec.responseProblems('GET', '/health', jsonResponse(200, { status: 'up' }))).not.toEqual([]);
  });

  it('an unknown route answers the NOT_FOUND error', () => {
    expect(spec.responseProblems('GET', '/nowhere', jsonResponse(404, errorBody('NOT_FOUND')))).toEqual([]);
    expect(spec.responseProblems('GET', '/nowhere', jsonResponse(200, {}))).not.toEqual([]);
    expect(
      spec.responseProblems('DELETE', '/balance', jsonResponse(404, errorBody('VALIDATION_ERROR'))),
    ).not.toEqual([]);
  });

  it('a wrong content-type or a body that is not JSON is reported', () => {
    const html: ObservedResponse = {
      status: 200,
      headers: new Headers({ 'content-type': 'text/html' }),
      text: '<p>ok</p>',
    };
    expect(spec.responseProblems('GET', '/health', html)).toEqual([expect.stringContaining('content-type')]);
    const broken = { ...jsonResponse(200, {}), text: '{"status":' };
    expect(spec.responseProblems('GET', '/health', broken)).toEqual([expect.stringContaining('not JSON')]);
  });
});
