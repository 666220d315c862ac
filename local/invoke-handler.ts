import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FunctionSpec } from '../lib/function-catalog';
import { loadHandler } from './handler-loader';
import { createLambdaContext, timeoutMillisOf } from './lambda-context';
import { toStructuredResult } from './lambda-result';

/**
 * One invocation, as Lambda would run it. Past its timeout the caller gets a failure, as from
 * Lambda; unlike Lambda, the handler cannot be frozen and keeps running in the background.
 */
export async function invokeHandler(
  spec: FunctionSpec,
  event: unknown,
): Promise<APIGatewayProxyStructuredResultV2> {
  const handler = await loadHandler(spec.entry);
  const context = createLambdaContext(spec);
  const timeoutMillis = timeoutMillisOf(spec);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${spec.id} timed out after ${timeoutMillis / 1_000} seconds.`)),
      timeoutMillis,
    );
  });
  try {
    const result = await Promise.race([Promise.resolve().then(() => handler(event, context)), timedOut]);
    return toStructuredResult(result);
  } finally {
    clearTimeout(timer);
  }
}
