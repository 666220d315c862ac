import type { AwsPricing } from './aws-pricing';

/** What one operation uses in AWS, counted or measured by the benchmark. */
export interface OperationUsage {
  readonly writeRequestUnits: number;
  readonly readRequestUnits: number;
  readonly lambdaInvocations: ReadonlyArray<{ readonly fn: string; readonly durationMs: number }>;
  readonly lambdaMemoryMb: number;
  readonly workflowExecutions: ReadonlyArray<{ readonly durationMs: number }>;
  readonly httpApiRequests: number;
}

/** USD for 1,000 operations, by line of the bill. */
export interface CostPerThousand {
  readonly dynamodbWrites: number;
  readonly dynamodbReads: number;
  readonly lambdaRequests: number;
  readonly lambdaDuration: number;
  readonly stepFunctionsRequests: number;
  readonly stepFunctionsDuration: number;
  readonly httpApiRequests: number;
  readonly total: number;
}

const OPERATIONS = 1_000;
const MILLION = 1_000_000;
const MB_PER_GB = 1_024;

/** Both services round a duration up to their increment; nothing is billed for less than one. */
export function billedSeconds(durationMs: number, incrementMs: number): number {
  return (Math.max(1, Math.ceil(durationMs / incrementMs)) * incrementMs) / 1_000;
}

const perThousand = (countPerOperation: number, pricePerMillion: number): number =>
  (countPerOperation * OPERATIONS * pricePerMillion) / MILLION;

export function costPerThousand(usage: OperationUsage, pricing: AwsPricing): CostPerThousand {
  const lambdaGb = usage.lambdaMemoryMb / MB_PER_GB;
  const lambdaGbSeconds = usage.lambdaInvocations.reduce(
    (sum, invocation) =>
      sum + billedSeconds(invocation.durationMs, pricing.lambda.billedDurationIncrementMs) * lambdaGb,
    0,
  );
  const express = pricing.stepFunctionsExpress;
  const workflowGbSeconds = usage.workflowExecutions.reduce(
    (sum, execution) =>
      sum +
      billedSeconds(execution.durationMs, express.billedDurationIncrementMs) *
        (express.billedMemoryMb / MB_PER_GB),
    0,
  );
  const lines = {
    dynamodbWrites: perThousand(usage.writeRequestUnits, pricing.dynamodb.writeRequestUnitPerMillion),
    dynamodbReads: perThousand(usage.readRequestUnits, pricing.dynamodb.readRequestUnitPerMillion),
    lambdaRequests: perThousand(usage.lambdaInvocations.length, pricing.lambda.requestsPerMillion),
    lambdaDuration: lambdaGbSeconds * pricing.lambda.perGbSecond * OPERATIONS,
    stepFunctionsRequests: perThousand(usage.workflowExecutions.length, express.requestsPerMillion),
    stepFunctionsDuration: workflowGbSeconds * express.perGbSecond * OPERATIONS,
    httpApiRequests: perThousand(usage.httpApiRequests, pricing.httpApi.requestsPerMillion),
  };
  const total = Object.values(lines).reduce((sum, line) => sum + line, 0);
  return { ...lines, total };
}
