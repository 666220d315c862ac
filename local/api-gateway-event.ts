import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from 'aws-lambda';
import type { RouteMatch } from './route-table';

/** Stand-ins for the values an API in an AWS account would have. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';

export interface GatewayRequest {
  readonly request: IncomingMessage;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly body: string | undefined;
  readonly requestId: string;
  readonly receivedAt: Date;
}

export type GatewayEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

/** The payload format 2.0 event an HTTP API sends for this request; `authorizer` only on authenticated routes, as in AWS. */
export function buildApiGatewayEvent(
  input: GatewayRequest,
  match: RouteMatch,
  authorizer: APIGatewayEventRequestContextJWTAuthorizer | undefined,
): GatewayEvent {
  const { request, rawPath, rawQueryString, body, requestId, receivedAt } = input;
  const headers = gatewayHeaders(request);
  const domainName = headers.host ?? '127.0.0.1';
  const cookies = cookiesOf(request);
  const queryStringParameters = queryParametersOf(rawQueryString);
  const requestContext: APIGatewayProxyEventV2['requestContext'] = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: LOCAL_API_ID,
    domainName,
    domainPrefix: domainName.split('.')[0] ?? domainName,
    http: {
      method: request.method ?? 'GET',
      path: rawPath,
      protocol: `HTTP/${request.httpVersion}`,
      sourceIp: sourceIpOf(request),
      userAgent: headers['user-agent'] ?? '',
    },
    requestId,
    routeKey: match.routeKey,
    stage: '$default',
    time: formatRequestTime(receivedAt),
    timeEpoch: receivedAt.getTime(),
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: { ...match.pathParameters } } : {}),
    requestContext,
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
  return authorizer ? { ...event, requestContext: { ...requestContext, authorizer } } : event;
}

/** A fresh id in the shape API Gateway uses (and returns in `apigw-requestid`). */
export function newGatewayRequestId(): string {
  return randomBytes(10).toString('base64');
}

/** Lower-cased names, repeated headers joined by ',', cookies moved to `cookies`, plus the forwarding headers AWS adds. */
function gatewayHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (name !== 'cookie' && values) headers[name] = values.join(',');
  }
  headers['x-forwarded-for'] = sourceIpOf(request);
  headers['x-forwarded-port'] = String(request.socket.localPort ?? '');
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] =
    `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return headers;
}

function cookiesOf(request: IncomingMessage): string[] {
  return (request.headersDistinct.cookie ?? [])
    .flatMap((header) => header.split(';'))
    .map((cookie) => cookie.trim())
    .filter(Boolean);
}

function queryParametersOf(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  }
  return Object.fromEntries([...grouped].map(([name, values]) => [name, values.join(',')]));
}

function sourceIpOf(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format: `21/Nov/2025:19:03:58 +0000`. */
function formatRequestTime(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  return (
    `${pad(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
