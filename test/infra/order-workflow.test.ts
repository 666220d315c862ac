import { describe, expect, it } from 'vitest';
import { LOCK_WAIT_BUDGET_MS } from '../../common/lease/lease-durations';
import { lockstepConfig } from '../../lib/config';
import {
  lockstepTemplate,
  logicalIdOfEntry,
  referencedLogicalId,
  renderJoin,
  resource,
  resourcesOfType,
} from './lockstep-template';

const TRANSIENT_RETRY = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.ClientExecutionTimeoutException',
    'Lambda.TooManyRequestsException',
    'ProvisionedThroughputExceededException',
    'ThrottlingException',
    'RequestLimitExceeded',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Next?: string;
  readonly ResultPath?: string;
  readonly OutputPath?: string;
  readonly ErrorPath?: string;
  readonly CausePath?: string;
  readonly Retry?: unknown[];
  readonly Catch?: unknown[];
}

interface Asl {
  readonly StartAt: string;
  readonly TimeoutSeconds?: number;
  readonly States: Record<string, AslState>;
}

describe('order workflow', () => {
  const template = lockstepTemplate();
  const [stateMachine, ...others] = Object.values(
    resourcesOfType(template, 'AWS::StepFunctions::StateMachine'),
  );
  const asl: Asl = JSON.parse(renderJoin(stateMachine?.Properties?.DefinitionString));
  const state = (name: string): AslState => {
    const found = asl.States[name];
    if (!found) throw new Error(`No state ${name}`);
    return found;
  };
  const invokes = (entry: string) => `\${${logicalIdOfEntry(template, entry)}}`;

  it('is one Express state machine, traced, logging everything with execution data', () => {
    expect(others).toHaveLength(0);
    expect(stateMachine?.Properties).toMatchObject({
      StateMachineType: 'EXPRESS',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
    });
    expect(JSON.stringify(stateMachine?.Properties?.LoggingConfiguration)).toMatch(
      /"Destinations":\[\{"CloudWatchLogsLogGroup":\{"LogGroupArn":\{"Fn::GetAtt":\["OrderWorkflowLogs\w+","Arn"\]\}\}\}\]/,
    );
  });

  it('gives up when the order lease ends (20 seconds)', () => {
    expect(asl.TimeoutSeconds).toBe(20);
  });

  it('fits an order in API Gateway’s 30 s: lock wait + workflow timeout + margin < 29 s, and the Buy and Sell Lambdas time out at that sum', () => {
    const { lockWaitSeconds, marginSeconds, lambdaTimeoutSeconds, apiGatewayLimitSeconds } =
      lockstepConfig.orderRequest;
    expect(lockWaitSeconds).toBe(LOCK_WAIT_BUDGET_MS / 1000);
    expect(marginSeconds).toBeGreaterThan(0);
    expect(lockWaitSeconds + (asl.TimeoutSeconds ?? Number.POSITIVE_INFINITY) + marginSeconds).toBe(
      lambdaTimeoutSeconds,
    );
    expect(lambdaTimeoutSeconds).toBeLessThan(29);
    expect(apiGatewayLimitSeconds).toBe(30);
    for (const entry of ['lambdas/buy.ts', 'lambdas/sell.ts']) {
      const fn = resource(template, logicalIdOfEntry(template, entry));
      expect(fn.Properties?.Timeout, entry).toBe(lambdaTimeoutSeconds);
    }
  });

  it('reserves, commits, then completes with the commit result', () => {
    expect(asl.StartAt).toBe('Reserve');
    expect(state('Reserve')).toMatchObject({
      Type: 'Task',
      Resource: invokes('lambdas/order-reserve.ts'),
      ResultPath: '$.reserved',
      Next: 'Commit',
    });
    expect(state('Commit')).toMatchObject({
      Type: 'Task',
      Resource: invokes('lambdas/order-commit.ts'),
      ResultPath: '$.committed',
      Next: 'Completed',
    });
    expect(state('Completed')).toEqual({ Type: 'Succeed', OutputPath: '$.committed' });
  });

  it('retries Reserve and Commit on transient failures only', () => {
    expect(state('Reserve').Retry).toEqual([TRANSIENT_RETRY]);
    expect(state('Commit').Retry).toEqual([TRANSIENT_RETRY]);
  });

  it('sends every failure of a Task other than Rollback to Rollback', () => {
    const tasks = Object.entries(asl.States).filter(
      ([name, { Type }]) => Type === 'Task' && name !== 'Rollback',
    );
    expect(tasks.map(([name]) => name).sort()).toEqual(['Commit', 'Reserve']);
    for (const [name, task] of tasks) {
      expect(task.Catch, name).toEqual([
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Rollback' },
      ]);
    }
  });

  it('rolls back with its own retries, then fails with the rollback error', () => {
    expect(state('Rollback')).toMatchObject({
      Type: 'Task',
      Resource: invokes('lambdas/order-rollback.ts'),
      ResultPath: '$.rollback',
      Next: 'Failed',
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 4, BackoffRate: 2 }],
    });
    expect(state('Rollback').Catch).toBeUndefined();
    expect(state('Failed')).toEqual({
      Type: 'Fail',
      ErrorPath: '$.rollback.error',
      CausePath: '$.rollback.cause',
    });
  });

  it('may invoke its three task functions and nothing else', () => {
    const role = referencedLogicalId(stateMachine?.Properties?.RoleArn);
    const invoked = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties?.Roles).includes(`"${role}"`))
      .flatMap(
        (policy) => JSON.stringify(policy.Properties?.PolicyDocument).match(/Functions\w+(?=")/g) ?? [],
      );
    expect(new Set(invoked)).toEqual(
      new Set(
        ['lambdas/order-reserve.ts', 'lambdas/order-commit.ts', 'lambdas/order-rollback.ts'].map((entry) =>
          logicalIdOfEntry(template, entry),
        ),
      ),
    );
  });
});
