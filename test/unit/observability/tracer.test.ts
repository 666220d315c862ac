import { afterEach, describe, expect, it, vi } from 'vitest';

/** cls-hooked, under the X-Ray SDK, registers its namespaces here when it loads and hooks every promise. */
const xrayNamespace = (): unknown =>
  (process as unknown as { namespaces?: Record<string, unknown> }).namespaces?.AWSXRay;

describe('the tracer', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('stays unloaded outside Lambda, so the local server pays no async hook on every promise', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '');
    const { traced } = await import('../../../common/observability/tracer');
    const client = { send: () => undefined };
    expect(traced(client)).toBe(client);
    expect(xrayNamespace()).toBeUndefined();
  });

  it('loads in Lambda and captures the SDK clients', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'lockstep-Deposit');
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    const { traced } = await import('../../../common/observability/tracer');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const client = new DynamoDBClient({ region: 'us-east-1' });
    const before = client.middlewareStack.identify().length;
    traced(client);
    expect(xrayNamespace()).toBeDefined();
    expect(client.middlewareStack.identify().length).toBeGreaterThan(before);
  });
});
