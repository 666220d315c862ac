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

/**
 * The contract's limits for a request to arrive: its headers within 10 s, all of it within 30 s.
 * A client that stalls gets 408 `REQUEST_TIMEOUT` instead of holding a connection (and a handler's
 * wait) open. Handlers' own running time is not counted: their timeouts are in the function catalog.
 */
export const REQUEST_ARRIVAL_LIMITS: RequestArrivalLimits = { headersMs: 10_000, requestMs: 30_000 };

export interface RequestArrivalLimits {
  readonly headersMs: number;
  readonly requestMs: number;
}

export interface HttpServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** The routes to serve; the function catalog's unless a test brings its own. */
  readonly functions?: readonly RoutedFunction[];
  /** The contract's unless a test wants to see them pass sooner. */
  readonly arrivalLimits?: RequestArrivalLimits;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The local stand-in for the HTTP API: routes, JWT authorizer and Lambda integration. */
export async function startHttpServer(options: HttpServerOptions = {}): Promise<RunningHttpServer> {
  const routes = createRouteTable(options.functions ?? httpFunctions);
  const limits = options.arrivalLimits ?? REQUEST_ARRIVAL_LIMITS;
  const server = createServer(
    {
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      // Node checks the two limits above only this often (30 s by default), so each could be overrun by that much.
      connectionsCheckingInterval: Math.min(1_000, limits.headersMs),
    },
    (request, response) => {
      void serve(routes, request, response);
    },
  );
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) =>
    answerClientError(error, socket, limits),
  );
  const port = await listen(server, options.port ?? DEFAULT_PORT);
  return { url: `http://${HOST}:${port}`, port, stop: () => close(server) };
}

/**
 * A request Node cannot even parse (an oversized header, a garbage request line) or that did not
 * arrive in time still gets the contract's JSON error instead of Node's bare status line.
 */
function answerClientError(
  error: Error & { code?: string },
  socket: Duplex,
  limits: RequestArrivalLimits,
): void {
  if (!socket.writable) return;
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const { statusCode = 400, body = '' } = timedOut
    ? errorResponse(
        'REQUEST_TIMEOUT',
        `The request did not arrive in time: headers within ${limits.headersMs / 1000} s, all of it within ${limits.requestMs / 1000} s. Send it again.`,
        newGatewayRequestId(),
      )
    : errorResponse(
        'VALIDATION_ERROR',
        error.code === 'HPE_HEADER_OVERFLOW'
          ? 'The request headers are too large.'
          : 'The request is not valid HTTP.',
        newGatewayRequestId(),
      );
  const reason = timedOut ? 'Request Timeout' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${statusCode} ${reason}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

async function serve(routes: RouteTable, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = newGatewayRequestId();
  let result: APIGatewayProxyStructuredResultV2 | undefined;
  try {
    result = await answer(routes, request, requestId);
  } catch (error) {
    console.error(`${request.method} ${request.url} (request ${requestId}) failed:`, error);
    result = errorResponse('INTERNAL', 'Internal error.', requestId);
  }
  if (result) write(response, result, requestId);
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
): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
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
  // Nobody is left to answer, or the 408 went out already; the handler is not run on half a body.
  if ('cutOff' in read) return undefined;
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
