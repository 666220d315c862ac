import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorCode } from '../common/errors';

/** The contract's error body, for the answers the gateway gives itself rather than a handler. */
export function errorResponse(
  statusCode: number,
  code: ErrorCode,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ error: { code, message, requestId } }),
  };
}
