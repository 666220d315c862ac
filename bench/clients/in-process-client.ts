import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { httpFunctions } from '../../lib/function-catalog';
import { buildApiGatewayEvent, newGatewayRequestId } from '../../local/api-gateway-event';
import { loadHandler } from '../../local/handler-loader';
import { createLambdaContext } from '../../local/lambda-context';
import { toStructuredResult } from '../../local/lambda-result';
import { createRouteTable } from '../../local/route-table';
import type { ApiAnswer, ApiClient, ApiRequest, BenchUser } from './api-client';

const LOOPBACK = '127.0.0.1';

/**
 * Calls a route's handler the way Lambda would, with the very event the local gateway builds
 * (local/api-gateway-event.ts), from a stand-in for the HTTP request it would have received. The
 * time measured is the handler's alone: what Lambda bills, and what the floor is compared with.
 */
export function inProcessClient(apiPort: number): ApiClient {
  const routes = createRouteTable(httpFunctions);
  const socket = loopbackSocket(apiPort);
  return {
    mode: 'in-process',
    async send(user: BenchUser, request: ApiRequest): Promise<ApiAnswer> {
      const match = routes(request.method, request.path);
      if (!match) throw new Error(`No route serves ${request.method} ${request.path}`);
      const handler = await loadHandler(match.spec.entry);
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      const headers: Record<string, string> = {
        host: `${LOOPBACK}:${apiPort}`,
        'user-agent': 'lockstep-bench',
        authorization: `Bearer ${user.token}`,
        ...(body === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
        ...(request.idempotencyKey === undefined ? {} : { 'idempotency-key': request.idempotencyKey }),
      };
      const event = buildApiGatewayEvent(
        {
          request: standInRequest(socket, request.method, headers),
          rawPath: request.path,
          rawQueryString: '',
          body,
          requestId: newGatewayRequestId(),
          receivedAt: new Date(),
        },
        match,
        match.spec.route.authenticated ? user.authorizer : undefined,
      );
      const context = createLambdaContext(match.spec);
      const started = performance.now();
      let returned: unknown;
      try {
        returned = await handler(event, context);
      } catch (error) {
        // The local gateway answers a throwing handler with 500, as API Gateway does.
        return { status: 500, body: String(error), elapsedMs: performance.now() - started };
      }
      const elapsedMs = performance.now() - started;
      const result = toStructuredResult(returned);
      return { status: result.statusCode ?? 200, body: result.body ?? '', elapsedMs };
    },
    close() {},
  };
}

/** Never connected: it only answers the two questions the event builder asks of a socket. */
function loopbackSocket(localPort: number): Socket {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: LOOPBACK });
  Object.defineProperty(socket, 'localPort', { value: localPort });
  return socket;
}

/**
 * Node fills an IncomingMessage's headers from its HTTP parser; without one, the parsed views are
 * set directly, in the shapes Node itself gives them.
 */
function standInRequest(socket: Socket, method: string, headers: Record<string, string>): IncomingMessage {
  const request = new IncomingMessage(socket);
  request.method = method;
  request.httpVersion = '1.1';
  request.httpVersionMajor = 1;
  request.httpVersionMinor = 1;
  const distinct = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  Object.defineProperty(request, 'headers', { value: headers });
  Object.defineProperty(request, 'headersDistinct', { value: distinct });
  return request;
}
