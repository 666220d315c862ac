import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { installDynamoDbFaults } from '../../../local/faults/dynamodb-faults';
import { type DynamoDbFault, FaultDice } from '../../../local/faults/fault-dice';
import { parseFaultSpec } from '../../../local/faults/fault-spec';

type Handler = (args: unknown) => Promise<unknown>;
type Middleware = (next: Handler, context: Record<string | symbol, unknown>) => Handler;

/** The two middlewares as the SDK would stack them: per call outside, per attempt inside the retries. */
function stackWith(fault: DynamoDbFault | undefined) {
  const added: Middleware[] = [];
  const client = { middlewareStack: { add: (middleware: Middleware) => added.push(middleware) } };
  const dice = new FaultDice(parseFaultSpec('rate=0,seed=1'));
  vi.spyOn(dice, 'dynamoDbFault').mockReturnValue(fault);
  installDynamoDbFaults(client as unknown as DynamoDBDocumentClient, dice);
  const [perCall, perAttempt] = added;
  if (!perCall || !perAttempt) throw new Error('expected two middlewares');
  const send = vi.fn(async () => ({ output: 'written' }));
  return { perCall, perAttempt, send };
}

/** A call with an SDK-like retry between the two layers: up to 3 attempts on any error. */
async function call(fault: DynamoDbFault | undefined) {
  const { perCall, perAttempt, send } = stackWith(fault);
  const context: Record<string | symbol, unknown> = { commandName: 'TransactWriteItemsCommand' };
  const attempt = perAttempt(send, context);
  const retrying: Handler = async (args) => {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt(args);
      } catch (error) {
        if (tries === 3) throw error;
      }
    }
  };
  const outcome = await perCall(
    retrying,
    context,
  )({}).then(
    (value) => ({ value }),
    (error: Error & { code?: string }) => ({ error: error.name, code: error.code }),
  );
  return { outcome, sent: send.mock.calls.length };
}

describe('injected DynamoDB faults', () => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

  it('a throttled call fails as the SDK reports throttling, without sending', async () => {
    expect(await call({ kind: 'dynamodb.throttle', layer: 'call' })).toEqual({
      outcome: { error: 'ProvisionedThroughputExceededException', code: undefined },
      sent: 0,
    });
  });

  it('a lost answer sends the write, then fails the call', async () => {
    expect(await call({ kind: 'dynamodb.lost-answer', layer: 'call' })).toEqual({
      outcome: { error: 'TimeoutError', code: undefined },
      sent: 1,
    });
  });

  it('an attempt-level lost answer is sent again by the retry, so the write goes out twice', async () => {
    expect(await call({ kind: 'dynamodb.lost-answer-attempt', layer: 'attempt' })).toEqual({
      outcome: { value: { output: 'written' } },
      sent: 2,
    });
  });

  it('an attempt-level throttle is absorbed by the retry', async () => {
    expect(await call({ kind: 'dynamodb.throttle-attempt', layer: 'attempt' })).toEqual({
      outcome: { value: { output: 'written' } },
      sent: 1,
    });
  });

  it('no fault, no change', async () => {
    expect(await call(undefined)).toEqual({ outcome: { value: { output: 'written' } }, sent: 1 });
  });
});
