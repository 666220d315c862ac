import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DynamoDbFault, type FaultDice, reportFault } from './fault-dice';

/** Where the call-level middleware leaves an attempt-level fault for the one below the retries. */
const PLANNED = Symbol('lockstepPlannedFault');
type WithPlan = { [PLANNED]?: DynamoDbFault };

/** What the SDK throws for each failure, so lockstep's own classification is what gets tested. */
function throttled(): Error {
  return Object.assign(
    new Error('The level of configured provisioned throughput for the table was exceeded.'),
    {
      name: 'ProvisionedThroughputExceededException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    },
  );
}

function socketReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

function lostAnswer(): Error {
  return Object.assign(new Error('Connection timed out after the request was sent'), {
    name: 'TimeoutError',
  });
}

/**
 * Two SDK middlewares on the document client. The outer one, at `initialize`, sees each call once
 * and draws its fault; the inner one, in `finalizeRequest` below the retry middleware, sees each
 * attempt, so an attempt-level fault meets the SDK's retries (and the ClientRequestToken of a
 * transaction) the way a real network fault would.
 */
export function installDynamoDbFaults(client: DynamoDBDocumentClient, dice: FaultDice): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      const fault = dice.dynamoDbFault();
      if (!fault) return next(args);
      reportFault(fault, operation);
      switch (fault.kind) {
        case 'dynamodb.throttle':
          throw throttled();
        case 'dynamodb.socket-reset':
          throw socketReset();
        case 'dynamodb.delay':
        case 'dynamodb.pause-past-lease':
          await sleep(fault.ms);
          return next(args);
        case 'dynamodb.lost-answer':
          await next(args);
          throw lostAnswer();
        case 'dynamodb.throttle-attempt':
        case 'dynamodb.lost-answer-attempt':
          (context as WithPlan)[PLANNED] = fault;
          return next(args);
      }
    },
    { step: 'initialize', name: 'lockstepFaultsPerCall' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const planned = (context as WithPlan)[PLANNED];
      // Only the first attempt: the retry that follows is what is under test.
      (context as WithPlan)[PLANNED] = undefined;
      if (planned?.kind === 'dynamodb.throttle-attempt') throw throttled();
      const result = await next(args);
      if (planned?.kind === 'dynamodb.lost-answer-attempt') throw socketReset();
      return result;
    },
    { step: 'finalizeRequest', priority: 'low', name: 'lockstepFaultsPerAttempt' },
  );
}
