import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_ARRIVAL_LIMITS, type RunningHttpServer, startHttpServer } from '../../local/http-server';
import { repoRoot } from '../../local/repo-root';
import { mintToken } from '../../local/tokens';
import { fixtureRoutes } from '../support/fixtures/fixture-routes';
import { sendRawHttp } from '../support/hostile-http';
import { newUserId } from '../support/ids';
import { OpenApiSpec } from '../support/openapi-validator';

/**
 * A client that stops sending, mid-headers or mid-body, gets the contract's 408 and a closed
 * connection. The server here has short limits so that the test need not wait the contract's.
 */
const LIMITS = { headersMs: 300, requestMs: 600 };
let server: RunningHttpServer;
beforeAll(async () => {
  server = await startHttpServer({ port: 0, functions: fixtureRoutes, arrivalLimits: LIMITS });
});
afterAll(async () => {
  await server?.stop();
});

function expectRequestTimeout(answer: { status: number; headers: Record<string, unknown>; text: string }) {
  expect(answer.status).toBe(408);
  expect(answer.headers['content-type']).toBe('application/json');
  expect(answer.headers.connection).toBe('close');
  expect(OpenApiSpec.load().schemaProblems('#/components/schemas/Error', JSON.parse(answer.text))).toEqual(
    [],
  );
  expect(JSON.parse(answer.text)).toEqual({
    error: {
      code: 'REQUEST_TIMEOUT',
      message:
        'The request did not arrive in time: headers within 0.3 s, all of it within 0.6 s. Send it again.',
      requestId: expect.any(String),
    },
  });
}

describe('a request that does not arrive in time', () => {
  it('gets 408 REQUEST_TIMEOUT when its body stalls, and the handler never runs on half a body', async () => {
    const token = await mintToken(newUserId('stalled'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const stalled = Buffer.from(
        `POST /echo/a/b HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"amount":',
      );
      expectRequestTimeout(await sendRawHttp(server.url, stalled));
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it('gets 408 REQUEST_TIMEOUT when its headers stall', async () => {
    const stalled = Buffer.from('GET /public HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ');
    expectRequestTimeout(await sendRawHttp(server.url, stalled));
  });

  it('is told apart from a complete request whose handler runs longer than the limit', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // The slow fixture outlives its own 1 s Lambda timeout, well past the 0.6 s arrival limit.
      const response = await fetch(new URL('/slow', server.url));
      expect(response.status).toBe(500);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INTERNAL');
    } finally {
      logged.mockRestore();
    }
  });
});

describe('the limits the local server applies by default', () => {
  it('are the contract’s: headers within 10 s, the whole request within 30 s', () => {
    expect(REQUEST_ARRIVAL_LIMITS).toEqual({ headersMs: 10_000, requestMs: 30_000 });
    const contract = readFileSync(`${repoRoot}docs/api-contract.md`, 'utf8');
    expect(contract).toContain('408 `REQUEST_TIMEOUT` when its headers have not all arrived within 10 s');
    expect(contract).toContain('or the whole request within 30 s');
  });
});
