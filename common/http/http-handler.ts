import type { Logger } from '@aws-lambda-powertools/logger';
import middy, { type MiddlewareObj } from '@middy/core';
import { requestLogger } from '../observability/logger';
import { publishMetrics } from '../observability/metrics';
import { errorToResponse } from './error-mapping';
import type { HttpEvent, HttpResult, LambdaContext } from './types';

export interface HttpRequest {
  readonly event: HttpEvent;
  readonly requestId: string;
}

type Middleware = MiddlewareObj<
  HttpEvent,
  HttpResult,
  Error,
  LambdaContext,
  { log: Logger; started: number }
>;

const requestIdOf = (event: HttpEvent, context: LambdaContext): string =>
  event.requestContext?.requestId ?? context.awsRequestId;

/** The contract error code of an error response, for the log; undefined for a success. */
function errorCodeOf(response: HttpResult | undefined): string | undefined {
  if (!response || (response.statusCode ?? 200) < 400 || typeof response.body !== 'string') return undefined;
  try {
    const code: unknown = (JSON.parse(response.body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The verified subject, when the authorizer passed one: who the request was for, in the log. */
function userIdOf(event: HttpEvent): string | undefined {
  const subject = event.requestContext?.authorizer?.jwt?.claims?.sub;
  return typeof subject === 'string' ? subject : undefined;
}

/**
 * One JSON line per request, keyed by the API request id: the correlation id of everything it causes.
 * It names the user, the contract error code of a failure and whether the answer was a replay, and
 * carries Powertools' Lambda context keys (function name, request id, cold start).
 */
function requestLogging(): Middleware {
  const logLine = (request: Parameters<NonNullable<Middleware['after']>>[0]) => {
    const response = request.response ?? undefined;
    request.internal.log.info('request', {
      route: request.event.routeKey,
      status: response?.statusCode,
      durationMs: Date.now() - request.internal.started,
      userId: userIdOf(request.event),
      errorCode: errorCodeOf(response),
      replayed: response?.headers?.['idempotent-replayed'] === 'true',
      lambdaRequestId: request.context.awsRequestId,
    });
  };
  return {
    before: (request) => {
      request.internal.log = requestLogger(requestIdOf(request.event, request.context));
      request.internal.log.addContext(request.context);
      request.internal.started = Date.now();
    },
    after: logLine,
    onError: logLine,
  };
}

/** The single mapping from failures to the contract's error bodies (see error-mapping.ts). */
function contractErrors(): Middleware {
  return {
    onError: (request) => {
      const requestId = requestIdOf(request.event, request.context);
      const log = request.internal.log ?? requestLogger(requestId);
      request.response = errorToResponse(request.error, requestId, log);
    },
  };
}

/**
 * What the request recorded (lock wait, replays, ...) is written once it has its answer, failed or
 * not. Not Powertools' `logMetrics` middleware: that one warns on every request that recorded nothing.
 */
function metricsFlush(): Middleware {
  return { after: publishMetrics, onError: publishMetrics };
}

/** A route's logic with lockstep's standard middlewares around it. */
export function httpHandler(route: (request: HttpRequest) => Promise<HttpResult>) {
  return middy<HttpEvent, HttpResult, Error, LambdaContext>()
    .use(metricsFlush())
    .use(requestLogging())
    .use(contractErrors())
    .handler((event, context) => route({ event, requestId: requestIdOf(event, context) }));
}
