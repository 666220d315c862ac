import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray for the AWS SDK clients, so each DynamoDB and Step Functions call shows as a subsegment of
 * the function's trace (active tracing is on for every function and the state machine). Powertools
 * turns itself off outside Lambda, where `traced` hands the client back untouched.
 */
const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lockstep' });

export function traced<Client>(client: Client): Client {
  return tracer.captureAWSv3Client(client);
}
