import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stepFunctionsWorkflow } from '../../common/orders/step-functions-workflow';
import { WorkflowNotStartedError } from '../../common/orders/workflow-not-started';
import { fundedUser, lockIsFree, ordersOf, placeOrder } from './order-harness';

/** A stand-in for the Step Functions endpoint: records each request, answers what the test says. */
let server: Server;
let endpoint: string;
let answer: Record<string, unknown> = {};
const received: Array<{ target: string | undefined; body: Record<string, unknown> }> = [];

const readJson = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return JSON.parse(text) as Record<string, unknown>;
};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    received.push({
      target: request.headers['x-amz-target'] as string | undefined,
      body: await readJson(request),
    });
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  delete process.env.STATE_MACHINE_ARN;
  received.length = 0;
});

const client = () =>
  new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // StartSyncExecution goes to the `sync-` host in AWS; the stand-in has no such name.
    disableHostPrefix: true,
    maxAttempts: 1,
  });

describe('the Step Functions adapter', () => {
  it('starts a sync execution named after the order, and reads a failure from a 200 answer', async () => {
    process.env.STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:Orders';
    answer = {
      executionArn: 'x',
      status: 'FAILED',
      error: 'OrderRejected',
      cause: '{"code":"INSUFFICIENT_FUNDS"}',
    };

    const outcome = await stepFunctionsWorkflow(client()).startAndWait('01ORDERID', { orderId: '01ORDERID' });

    expect(outcome).toEqual({
      status: 'FAILED',
      output: undefined,
      error: 'OrderRejected',
      cause: '{"code":"INSUFFICIENT_FUNDS"}',
    });
    expect(received).toEqual([
      {
        target: 'AWSStepFunctions.StartSyncExecution',
        body: {
          stateMachineArn: process.env.STATE_MACHINE_ARN,
          name: '01ORDERID',
          input: '{"orderId":"01ORDERID"}',
        },
      },
    ]);
  });

  it('parses the output of a succeeded execution', async () => {
    process.env.STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:Orders';
    answer = { executionArn: 'x', status: 'SUCCEEDED', output: '{"order":{"status":"COMPLETED"}}' };
    const outcome = await stepFunctionsWorkflow(client()).startAndWait('01ORDERID', {});
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: { order: { status: 'COMPLETED' } } });
  });

  it('without a state machine, says the execution never started, and buy gives the lock back', async () => {
    await expect(stepFunctionsWorkflow(client()).startAndWait('x', {})).rejects.toBeInstanceOf(
      WorkflowNotStartedError,
    );

    const userId = await fundedUser('1000.00');
    const call = await placeOrder(userId, 'buy', { asset: 'BTC', quantity: '0.01' }, { workflow: 'aws' });
    expect(call.status).toBe(500);
    expect(call.body).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(await ordersOf(userId)).toEqual([]);
    expect(await lockIsFree(userId)).toBe(true);
    expect(received).toEqual([]);
  });
});
