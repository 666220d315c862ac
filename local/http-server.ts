import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorResponse } from '../common/http/responses';
import { requestLogger } from '../common/observability/logger';
import { httpFunctions, unmatchedRouteFunction } from '../lib/function-catalog';
import { buildApiGatewayEvent, newGatewayRequestId } from './api-gateway-event';
import { authenticate } from './authenticate';
import { invokeHandler } from './invoke-handler';
import { readBody } from './read-body';
import { createRouteTable, type RoutedFunction, type RouteMatch, type RouteTable } from './route-table';

export const DEFAULT_PORT = 3000;
const HOST = '127.0.0.1';
/** Guards the process, not the contract: the 16 KiB body limit is the handlers' to enforce, as in AWS. */
const MAX_BODY_BYTES = 1024 * 1024;
/** How long `stop()` lets requests in flight finish before cutting their connections. */
const STOP_GRACE_MS = 1_000;

export interface HttpServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** The routes to serve; the function catalog's unless a test brings its own. */
  readonly functions?: readonly RoutedFunction[];
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The local stand-in for the HTTP API: routes, JWT authorizer and Lambda integration. */
export async function startHttpServer(options: HttpServerOptions = {}): Promise<RunningHttpServer> {
  const routes = createRouteTable(options.functions ?? httpFunctions);
  const server = createServer((request, response) => {
    void serve(routes, request, response);
  });
  server.on('clientError', answerMalformedRequest);
  const port = await listen(server, options.port ?? DEFAULT_PORT);
  return { url: `http://${HOST}:${port}`, port, stop: () => close(server) };
}

/**
 * A request Node cannot even parse (an oversized header, a garbage request line) still gets the
 * contract's JSON error instead of Node's bare status line.
 */
function answerMalformedRequest(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return;
  const message =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'The request headers are too large.'
      : 'The request is not valid HTTP.';
  const body = String(errorResponse('VALIDATION_ERROR', message, newGatewayRequestId()).body);
  socket.end(
    'HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

async function serve(routes: RouteTable, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = newGatewayRequestId();
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await answer(routes, request, requestId);
  } catch (error) {
    console.error(`${request.method} ${request.url} (request ${requestId}) failed:`, error);
    result = errorResponse('INTERNAL', 'Internal error.', requestId);
  }
  write(response, result, requestId);
}

/** As API Gateway's `$default` route: the catalog's catch-all function answers what no route matches. */
function unmatchedRoute(rawPath: string): RouteMatch {
  return {
    spec: { ...unmatchedRouteFunction, route: { method: 'GET', path: rawPath, authenticated: false } },
    routeKey: '$default',
    pathParameters: {},
  };
}

async function answer(
  routes: RouteTable,
  request: IncomingMessage,
  requestId: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  const receivedAt = new Date();
  const method = request.method ?? 'GET';
  const [rawPath = '/', rawQueryString = ''] = splitOnce(request.url ?? '/', '?');
  const match = routes(method, rawPath) ?? unmatchedRoute(rawPath);
  const authentication = match.spec.route.authenticated
    ? await authenticate(request.headers.authorization)
    : undefined;
  if (authentication && !authentication.authorized) {
    // API Gateway's authorizer refuses these before any function runs; locally they are logged too.
    requestLogger(requestId).info('request', {
      route: match.routeKey,
      status: 401,
      errorCode: 'UNAUTHORIZED',
      reason: authentication.message,
    });
    return errorResponse('UNAUTHORIZED', authentication.message, requestId, {
      headers: { 'www-authenticate': authentication.challenge },
    });
  }
  const read = await readBody(request, MAX_BODY_BYTES);
  if ('tooLarge' in read) {
    return errorResponse(
      'VALIDATION_ERROR',
      'The request body is over 16 KiB; send a smaller one.',
      requestId,
    );
  }
  const body = read.body.length > 0 ? read.body.toString('utf8') : undefined;
  const event = buildApiGatewayEvent(
    { request, rawPath, rawQueryString, body, requestId, receivedAt },
    match,
    authentication?.authorizer,
  );
  return invokeHandler(match.spec, event);
}

function write(response: ServerResponse, result: APIGatewayProxyStructuredResultV2, requestId: string): void {
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  response.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, String(value));
  if (result.cookies && result.cookies.length > 0) response.setHeader('set-cookie', result.cookies);
  response.setHeader('apigw-requestid', requestId);
  response.end(body);
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, ''] : [text.slice(0, index), text.slice(index + 1)];
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is already in use, so the API cannot start there; set PORT to another port.`,
            )
          : error,
      );
    });
    server.listen(port, HOST, () => {
      const address = server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('The HTTP server did not report its port.'));
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
  });
}
