import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningHttpServer, startHttpServer } from '../../local/http-server';
import { mintToken } from '../../local/tokens';
import { fixtureRoutes } from '../support/fixtures/fixture-routes';
import { newUserId } from '../support/ids';

/** The local HTTP API against fixture handlers: the event, context and responses API Gateway and Lambda would produce. */
let server: RunningHttpServer;
beforeAll(async () => {
  server = await startHttpServer({ port: 0, functions: fixtureRoutes });
});
afterAll(async () => {
  await server?.stop();
});

interface Echo {
  readonly event: {
    readonly version: string;
    readonly routeKey: string;
    readonly rawPath: string;
    readonly rawQueryString: string;
    readonly cookies?: string[];
    readonly headers: Record<string, string>;
    readonly queryStringParameters?: Record<string, string>;
    readonly pathParameters?: Record<string, string>;
    readonly body?: string;
    readonly isBase64Encoded: boolean;
    readonly requestContext: Record<string, unknown> & {
      readonly requestId: string;
      readonly authorizer?: { jwt: { claims: Record<string, unknown>; scopes: string[] | null } };
    };
  };
  readonly context: Record<string, unknown> & { readonly remainingTimeInMillis: number };
}

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(new URL(path, server.url), init);
  return { response, text: await response.text() };
}

const expectInternalError = (text: string) =>
  expect(JSON.parse(text)).toEqual({
    error: { code: 'INTERNAL', message: 'Internal error.', requestId: expect.any(String) },
  });

describe('the event handed to a handler', () => {
  it('is an HTTP API payload format 2.0 event with the JWT authorizer claims as strings', async () => {
    const userId = newUserId();
    const { response, text } = await call('/echo/a%20b/second?limit=5&tag=x&tag=y', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await mintToken(userId, { admin: true })}`,
        'Content-Type': 'application/json',
        'X-Custom': 'one',
        cookie: 'a=1; b=2',
        'user-agent': 'lockstep-test',
      },
      body: '{"amount":"1.00"}',
    });
    expect(response.status).toBe(200);
    const { event, context } = JSON.parse(text) as Echo;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /echo/{first}/{second}',
      rawPath: '/echo/a%20b/second',
      rawQueryString: 'limit=5&tag=x&tag=y',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { limit: '5', tag: 'x,y' },
      pathParameters: { first: 'a b', second: 'second' },
      body: '{"amount":"1.00"}',
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-custom': 'one' });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext).toMatchObject({
      accountId: expect.any(String),
      apiId: expect.any(String),
      domainName: expect.any(String),
      http: {
        method: 'POST',
        path: '/echo/a%20b/second',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'lockstep-test',
      },
      routeKey: 'POST /echo/{first}/{second}',
      stage: '$default',
      time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
      timeEpoch: expect.any(Number),
    });
    const claims = event.requestContext.authorizer?.jwt.claims ?? {};
    expect(claims).toMatchObject({ sub: userId, 'cognito:groups': '[admin]', token_use: 'id' });
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
    expect(event.requestContext.authorizer?.jwt.scopes).toBeNull();
    expect(response.headers.get('apigw-requestid')).toBe(event.requestContext.requestId);

    expect(context).toMatchObject({
      functionName: 'Echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: expect.stringMatching(/^arn:aws:lambda:[^:]+:\d{12}:function:Echo$/),
      memoryLimitInMB: expect.any(String),
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      logGroupName: '/aws/lambda/Echo',
    });
    expect(context.remainingTimeInMillis).toBeGreaterThan(6_000);
    expect(context.remainingTimeInMillis).toBeLessThanOrEqual(7_000);
  });

  it('has no authorizer, body or query on a public route, and a new request id each time', async () => {
    const first = JSON.parse((await call('/public')).text) as Echo;
    const second = JSON.parse((await call('/public')).text) as Echo;
    expect(first.event.requestContext).not.toHaveProperty('authorizer');
    expect(first.event).not.toHaveProperty('body');
    expect(first.event).not.toHaveProperty('queryStringParameters');
    expect(first.event).not.toHaveProperty('pathParameters');
    expect(first.event.rawQueryString).toBe('');
    expect(first.event.requestContext.requestId).not.toBe(second.event.requestContext.requestId);
  });

  it('comes from the most specific route when several match', async () => {
    const { text } = await call('/echo/literal/x', {
      method: 'POST',
      headers: { authorization: `Bearer ${await mintToken(newUserId())}` },
    });
    expect((JSON.parse(text) as Echo).event.routeKey).toBe('POST /echo/literal/{second}');
  });
});

describe('the response written back', () => {
  it('carries the handler status, headers and cookies', async () => {
    const { response } = await call('/public');
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(response.headers.get('set-cookie')).toBe('session=abc; Path=/');
  });

  it('decodes a base64 body and stringifies header values', async () => {
    const response = await fetch(new URL('/base64', server.url));
    expect(response.status).toBe(201);
    expect(response.headers.get('x-number')).toBe('7');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('is a 200 JSON body when the handler returns a value without statusCode', async () => {
    const { response, text } = await call('/plain');
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ hello: 'world' });
  });
});

describe('failures', () => {
  it('turns a throwing handler into 500 INTERNAL, logging the error and never returning it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { response, text } = await call('/throwing');
      expect(response.status).toBe(500);
      expectInternalError(text);
      expect(text).not.toContain('secret detail');
      expect(logged.mock.calls.flat().map(String).join(' ')).toContain('secret detail');
    } finally {
      logged.mockRestore();
    }
  });

  it('fails only the route whose module is missing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { response, text } = await call('/missing');
      expect(response.status).toBe(500);
      expectInternalError(text);
    } finally {
      logged.mockRestore();
    }
    expect((await call('/plain')).response.status).toBe(200);
  });

  it('answers 500 once a handler outlives its timeout', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const started = Date.now();
      const { response, text } = await call('/slow');
      expect(response.status).toBe(500);
      expectInternalError(text);
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      logged.mockRestore();
    }
  });

  it('refuses a body over the 1 MiB read cap with 400 VALIDATION_ERROR, without a reset connection', async () => {
    const { response, text } = await call('/echo/a/b', {
      method: 'POST',
      headers: { authorization: `Bearer ${await mintToken(newUserId())}` },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
});
