import { Agent, request as httpRequest } from 'node:http';
import type { ApiAnswer, ApiClient, ApiRequest, BenchUser } from './api-client';

/** Far above any answer the lock wait budget allows; past it the call counts as unanswered. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Real HTTP requests to the local API over keep-alive connections, as a load-testing client makes
 * them. Plain node:http rather than fetch: less client-side overhead inside the measured time.
 */
export function httpClient(baseUrl: string): ApiClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  return {
    mode: 'http',
    send(user: BenchUser, request: ApiRequest): Promise<ApiAnswer> {
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      const headers: Record<string, string> = {
        authorization: `Bearer ${user.token}`,
        ...(body === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
        ...(request.idempotencyKey === undefined ? {} : { 'idempotency-key': request.idempotencyKey }),
      };
      const started = performance.now();
      return new Promise<ApiAnswer>((resolve) => {
        const unanswered = (error: Error) =>
          resolve({ status: 0, body: error.message, elapsedMs: performance.now() - started });
        const outgoing = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            method: request.method,
            path: request.path,
            headers,
            agent,
            timeout: REQUEST_TIMEOUT_MS,
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', unanswered);
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                elapsedMs: performance.now() - started,
              }),
            );
          },
        );
        outgoing.on('timeout', () =>
          outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
        );
        outgoing.on('error', unanswered);
        outgoing.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
