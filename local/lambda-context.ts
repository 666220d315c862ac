import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '../lib/function-catalog';
import { LOCAL_ACCOUNT_ID } from './api-gateway-event';

/**
 * Mirror `lockstepConfig.lambda` in lib/config.ts, which cannot be imported here without loading
 * aws-cdk-lib into every local start.
 */
export const DEFAULT_TIMEOUT_SECONDS = 10;
const MEMORY_LIMIT_MB = '512';
const LOCAL_REGION = 'local';

export function timeoutMillisOf(spec: FunctionSpec): number {
  return (spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1_000;
}

/** The context Lambda passes with one invocation; the remaining time counts down from now. */
export function createLambdaContext(spec: FunctionSpec): Context {
  const deadline = Date.now() + timeoutMillisOf(spec);
  const unsupported = (): never => {
    throw new Error('The callback-era context methods are not supported; return a promise from the handler.');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: spec.id,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${spec.id}`,
    memoryLimitInMB: MEMORY_LIMIT_MB,
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.id}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
