import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** GET /health: answers without touching storage, so it says the API is up, nothing more. */
export async function handler(): Promise<APIGatewayProxyStructuredResultV2> {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'ok' }),
  };
}
