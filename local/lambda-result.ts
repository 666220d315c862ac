import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * Interprets a handler's return value the way an HTTP API does for payload format 2.0: an object
 * with `statusCode` is a response; any other JSON value is sent as a 200 JSON body. A response
 * API Gateway could not use throws, which the server turns into a 500.
 */
export function toStructuredResult(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (result === undefined) throw new Error('The handler returned nothing.');
  if (!isObject(result) || !('statusCode' in result)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: typeof result === 'string' ? result : JSON.stringify(result),
    };
  }
  const { statusCode, headers, body, isBase64Encoded, cookies } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    throw new Error(`The handler returned statusCode ${String(statusCode)}, which is not an HTTP status.`);
  }
  if (body !== undefined && typeof body !== 'string')
    throw new Error('The handler returned a body that is not a string.');
  return {
    statusCode,
    headers: headersOf(headers),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: isBase64Encoded === true,
    ...(cookies === undefined ? {} : { cookies: cookiesOf(cookies) }),
  };
}

function headersOf(headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  if (!isObject(headers)) throw new Error('The handler returned headers that are not an object.');
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new Error(
        `The handler returned header "${name}" with a value that is not a string, number or boolean.`,
      );
    }
    result[name] = String(value);
  }
  return result;
}

function cookiesOf(cookies: unknown): string[] {
  if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === 'string')) {
    throw new Error('The handler returned cookies that are not a list of strings.');
  }
  return cookies;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
