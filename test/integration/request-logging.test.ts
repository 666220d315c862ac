import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBalance } from '../../common/accounts/balance-store';
import type { HttpEvent } from '../../common/http/types';
import { logger } from '../../common/observability/logger';
import { useOrderWorkflow } from '../../common/orders/workflow-port';
import { type HttpRoute, httpFunctions } from '../../lib/function-catalog';
import { loadHandler } from '../../local/handler-loader';
import { createLambdaContext } from '../../local/lambda-context';
import { toStructuredResult } from '../../local/lambda-result';
import { localOrderWorkflow } from '../../local/order-workflow-runner';
import { newUserId } from '../support/ids';
import { startTestApi } from '../support/local-api';
import { testDynamoDb } from '../support/test-dynamodb';

testDynamoDb();

/** Everything the process writes while `run` runs, stdout and stderr alike, one entry per line. */
async function capturedLines<Result>(
  run: () => Promise<Result>,
): Promise<{ result: Result; lines: string[] }> {
  const chunks: string[] = [];
  const capture = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    const result = await run();
    return {
      result,
      lines: chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

function parsedLines(lines: readonly string[]): Record<string, unknown>[] {
  return lines.map((line) => {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`Not a JSON object: ${line}`);
    return parsed as Record<string, unknown>;
  });
}

interface Call {
  readonly path: string;
  readonly body?: unknown;
  readonly pathParameters?: Record<string, string>;
  readonly status: number;
}

/**
 * One request per HTTP handler, hard-coded so that a route added to the catalog without one here
 * fails below. Each answers without the order workflow and writes nothing shared: the asset and
 * limits routes are called by a non-admin, buy and sell name an unlisted asset, the withdrawal is
 * more than any balance holds, the transfer pays a user without an account.
 */
const CALLS: Record<string, Call> = {
  Health: { path: '/health', status: 200 },
  ListAssets: { path: '/assets', status: 200 },
  PutAsset: { path: '/assets/LOGT', pathParameters: { asset: 'LOGT' }, body: { price: '1.00' }, status: 403 },
  Deposit: { path: '/deposits', body: { amount: '25.00' }, status: 201 },
  Withdraw: { path: '/withdrawals', body: { amount: '1000000.00' }, status: 422 },
  Transfer: { path: '/transfers', body: { to: 'nobody-has-this-account', amount: '1.00' }, status: 422 },
  Buy: { path: '/orders/buy', body: { asset: 'NOTLISTED', quantity: '1' }, status: 422 },
  Sell: { path: '/orders/sell', body: { asset: 'NOTLISTED', quantity: '1' }, status: 422 },
  GetBalance: { path: '/balance', status: 200 },
  GetPortfolio: { path: '/portfolio', status: 200 },
  ListOrders: { path: '/orders', status: 200 },
  GetOrder: {
    path: '/orders/01JAAAAAAAAAAAAAAAAAAAAAAA',
    pathParameters: { orderId: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
    status: 404,
  },
  ListTransactions: { path: '/transactions', status: 200 },
  PlaceHold: {
    path: '/holds',
    body: { to: 'logging-nobody', amount: '1.00', expiresInSeconds: 60 },
    status: 422,
  },
  CaptureHold: {
    path: '/holds/01JAAAAAAAAAAAAAAAAAAAAAAA/capture',
    pathParameters: { holdId: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
    status: 404,
  },
  VoidHold: {
    path: '/holds/01JAAAAAAAAAAAAAAAAAAAAAAA/void',
    pathParameters: { holdId: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
    status: 404,
  },
  ListHolds: { path: '/holds', status: 200 },
  GetHold: {
    path: '/holds/01JAAAAAAAAAAAAAAAAAAAAAAA',
    pathParameters: { holdId: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
    status: 404,
  },
  GetUserLimits: {
    path: '/users/someone-else/limits',
    pathParameters: { userId: 'someone-else' },
    status: 404,
  },
  PutUserLimits: {
    path: '/users/someone-else/limits',
    pathParameters: { userId: 'someone-else' },
    body: { withdrawal: '1.00' },
    status: 403,
  },
};

/** An HTTP API payload format 2.0 event, as API Gateway sends it after the JWT authorizer let it through. */
function gatewayEvent(route: HttpRoute, call: Call, userId: string): HttpEvent {
  const requestId = `${randomUUID().slice(0, 8)}=`;
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: call.path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'api.example.com' },
    ...(call.pathParameters ? { pathParameters: call.pathParameters } : {}),
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'logtest',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method: route.method,
        path: call.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'request-logging-test',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: Date.now(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: { sub: userId }, scopes: null } },
    },
  };
}

async function invoke(entry: string, event: unknown, id: string): Promise<APIGatewayProxyStructuredResultV2> {
  const handler = await loadHandler(entry);
  const spec = httpFunctions.find((candidate) => candidate.entry === entry);
  return toStructuredResult(
    await handler(event, createLambdaContext(spec ?? { id, entry, tableActions: [] })),
  );
}

beforeAll(async () => {
  // Whatever the environment says: the request line is an INFO line, and it is what is under test.
  logger.setLogLevel('INFO');
  // The SDK's first request prints a one-time Node.js version warning; let it go before capturing.
  await capturedLines(() => readBalance(newUserId('warm-up')));
});

describe('request logging through Powertools', () => {
  const userId = newUserId('logging');

  it('has a request for every HTTP handler in the catalog', () => {
    expect(Object.keys(CALLS).sort()).toEqual(httpFunctions.map((spec) => spec.id).sort());
  });

  it.each(httpFunctions.map((spec) => [spec.id, spec] as const))(
    '%s writes exactly one JSON line for its request, keyed by the API request id',
    async (id, spec) => {
      const call = CALLS[id];
      if (!call) throw new Error(`No request planned for ${id}`);
      const event = gatewayEvent(spec.route, call, userId);
      const { result, lines } = await capturedLines(() => invoke(spec.entry, event, id));

      expect(result.statusCode, result.body).toBe(call.status);
      expect(lines, lines.join('\n')).toHaveLength(1);
      const [line] = parsedLines(lines);
      expect(line).toMatchObject({
        level: 'INFO',
        message: 'request',
        service: 'lockstep',
        correlation_id: event.requestContext.requestId,
        route: event.routeKey,
        status: call.status,
      });
      expect(line?.timestamp).toEqual(expect.any(String));
      expect(line).toMatchObject({
        userId,
        replayed: false,
        function_name: id,
        function_request_id: expect.any(String),
        cold_start: expect.any(Boolean),
      });
      if (call.status >= 400) expect(line?.errorCode).toMatch(/^[A-Z_]+$/);
      else expect(line).not.toHaveProperty('errorCode');
    },
  );

  it('names the contract error code of a refusal, and marks a replayed answer', async () => {
    const deposit = httpFunctions.find((spec) => spec.id === 'Deposit');
    const withdraw = httpFunctions.find((spec) => spec.id === 'Withdraw');
    if (!deposit || !withdraw) throw new Error('No Deposit or Withdraw in the catalog');
    const refused = gatewayEvent(
      withdraw.route,
      { path: '/withdrawals', body: { amount: '1000000.00' }, status: 422 },
      userId,
    );
    const { lines: refusal } = await capturedLines(() => invoke(withdraw.entry, refused, withdraw.id));
    expect(parsedLines(refusal)).toMatchObject([
      { status: 422, errorCode: 'INSUFFICIENT_FUNDS', replayed: false },
    ]);

    const keyed = gatewayEvent(
      deposit.route,
      { path: '/deposits', body: { amount: '2.00' }, status: 201 },
      userId,
    );
    const twice = {
      ...keyed,
      headers: { ...keyed.headers, 'idempotency-key': `log-replay-${randomUUID()}` },
    };
    const { lines: first } = await capturedLines(() => invoke(deposit.entry, twice, deposit.id));
    const { lines: second } = await capturedLines(() => invoke(deposit.entry, twice, deposit.id));
    expect(parsedLines(first)).toMatchObject([{ status: 201, replayed: false }]);
    expect(parsedLines(second)).toMatchObject([{ status: 201, replayed: true }]);
  });
});

describe('metrics of a request, in Lambda', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('come as one embedded-metric line after the request line, and not at all outside Lambda', async () => {
    const deposit = httpFunctions.find((spec) => spec.id === 'Deposit');
    if (!deposit) throw new Error('No Deposit in the catalog');
    const depositOnce = async () => {
      const event = gatewayEvent(
        deposit.route,
        { path: '/deposits', body: { amount: '1.00' }, status: 201 },
        userId,
      );
      return capturedLines(() => invoke(deposit.entry, event, deposit.id));
    };
    const userId = newUserId('logging-metrics');

    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'lockstep-Deposit');
    const inLambda = await depositOnce();
    expect(inLambda.result.statusCode).toBe(201);
    const [logLine, metricsLine, ...rest] = parsedLines(inLambda.lines);
    expect(rest).toEqual([]);
    expect(logLine).toMatchObject({ message: 'request', status: 201 });
    expect(metricsLine).toMatchObject({
      service: 'lockstep',
      LockWaitMs: expect.any(Number),
      LockContention: 0,
    });

    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '');
    const local = await depositOnce();
    expect(parsedLines(local.lines).map((line) => line.message)).toEqual(['request']);
  });
});

describe('correlation into the order workflow', () => {
  beforeEach(() => useOrderWorkflow(localOrderWorkflow));
  afterEach(() => useOrderWorkflow(undefined));

  const buy = httpFunctions.find((spec) => spec.id === 'Buy');
  const deposit = httpFunctions.find((spec) => spec.id === 'Deposit');

  async function placeBuy(trader: string, quantity: string) {
    if (!buy) throw new Error('No Buy in the catalog');
    const event = gatewayEvent(
      buy.route,
      { path: '/orders/buy', body: { asset: 'BTC', quantity }, status: 0 },
      trader,
    );
    const { result, lines } = await capturedLines(() => invoke(buy.entry, event, buy.id));
    return { event, result, logged: parsedLines(lines) };
  }

  async function fund(trader: string, amount: string): Promise<void> {
    if (!deposit) throw new Error('No Deposit in the catalog');
    const event = gatewayEvent(deposit.route, { path: '/deposits', body: { amount }, status: 201 }, trader);
    const { result } = await capturedLines(() => invoke(deposit.entry, event, deposit.id));
    expect(result.statusCode).toBe(201);
  }

  it('tags every line of Reserve and Commit with the request id of the buy that started them', async () => {
    const trader = newUserId('logging-trader');
    await fund(trader, '100.00');
    const { event, result, logged } = await placeBuy(trader, '0.0001');

    expect(result.statusCode, result.body).toBe(201);
    expect(logged.map((line) => line.message)).toEqual(
      expect.arrayContaining(['order reserved', 'order committed', 'request']),
    );
    for (const line of logged) {
      expect(line.correlation_id, JSON.stringify(line)).toBe(event.requestContext.requestId);
    }
    expect(logged.filter((line) => line.message === 'request')).toHaveLength(1);
  });

  it('tags the lines of Rollback too, when the order is refused', async () => {
    const trader = newUserId('logging-poor');
    const { event, result, logged } = await placeBuy(trader, '1');

    expect(result.statusCode, result.body).toBe(422);
    expect(logged.map((line) => line.message)).toEqual(
      expect.arrayContaining(['rolling back order', 'order rolled back', 'request']),
    );
    for (const line of logged) {
      expect(line.correlation_id, JSON.stringify(line)).toBe(event.requestContext.requestId);
    }
  });
});

describe('the local server', () => {
  it('logs the 401s its authorizer answers, which never reach a handler', async () => {
    const api = await startTestApi();
    try {
      const { result, lines } = await capturedLines(() =>
        api.request('GET', '/balance', { headers: { authorization: 'Bearer not-a-token' } }),
      );
      expect(result.status).toBe(401);
      const [line, ...rest] = parsedLines(lines);
      expect(rest).toEqual([]);
      expect(line).toMatchObject({
        message: 'request',
        route: 'GET /balance',
        status: 401,
        errorCode: 'UNAUTHORIZED',
        correlation_id: result.headers.get('apigw-requestid'),
        reason: expect.stringContaining('The bearer token was refused'),
      });
    } finally {
      await api.stop();
    }
  });
});
