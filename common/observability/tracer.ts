import type { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray for the AWS SDK clients, so each DynamoDB and Step Functions call shows as a subsegment of
 * the function's trace (active tracing is on for every function and the state machine).
 *
 * Outside Lambda, Powertools turns tracing off, but loading it still costs: the X-Ray SDK under it
 * installs an async hook with destroy tracking (cls-hooked) that every promise of the process then
 * pays for: under the bench's hot-user load the local server used about a quarter less CPU without
 * it. So the Tracer is loaded in Lambda only.
 */
const tracer: Tracer | undefined = process.env.AWS_LAMBDA_FUNCTION_NAME
  ? new (await import('@aws-lambda-powertools/tracer')).Tracer({
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lockstep',
    })
  : undefined;

export function traced<Client>(client: Client): Client {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
