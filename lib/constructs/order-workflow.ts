import { Duration, Stack } from 'aws-cdk-lib';
import type { IFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  Fail,
  type IChainable,
  JitterType,
  LogLevel,
  type RetryProps,
  StateMachine,
  StateMachineType,
  Succeed,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { WORKFLOW_RETRY_ERRORS } from '../../common/failures/transient-failures';
import { lockstepConfig } from '../config';
import type { DataRetention } from '../data-retention';
import { acknowledge, defaultPolicyOf, invokeVersionsFinding } from '../nag';

export interface OrderWorkflowProps {
  readonly reserve: IFunction;
  readonly commit: IFunction;
  readonly rollback: IFunction;
  readonly retention: DataRetention;
}

/**
 * Transient failures (the shared list in common/failures/transient-failures.ts) are retried in
 * place; anything else goes straight to Rollback, because a business failure (insufficient funds,
 * unknown asset) would only fail again. Step Functions counts retry intervals in whole seconds, so
 * 1 s is the shortest interval it accepts.
 */
const transientFailureRetry: RetryProps = {
  errors: [...WORKFLOW_RETRY_ERRORS],
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxAttempts: 3,
  jitterStrategy: JitterType.FULL,
};

/** Rollback is what releases held funds, so it retries on any failure; its handler must be idempotent. */
const rollbackRetry: RetryProps = {
  errors: ['States.ALL'],
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxAttempts: 4,
};

/**
 * Reserve → Commit for an order, with Rollback on any failure. Express, because buy and sell wait
 * for the outcome with StartSyncExecution. The local runner executes this same synthesized
 * definition, and relies on the state names.
 */
export class OrderWorkflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: OrderWorkflowProps) {
    super(scope, id);

    const rollback = new LambdaInvoke(this, 'Rollback', {
      lambdaFunction: props.rollback,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath: '$.rollback',
    })
      .addRetry(rollbackRetry)
      .next(new Fail(this, 'Failed', { errorPath: '$.rollback.error', causePath: '$.rollback.cause' }));

    const reserve = this.orderTask('Reserve', props.reserve, '$.reserved', rollback);
    const commit = this.orderTask('Commit', props.commit, '$.committed', rollback);
    const completed = new Succeed(this, 'Completed', { outputPath: '$.committed' });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.EXPRESS,
      definitionBody: DefinitionBody.fromChainable(reserve.next(commit).next(completed)),
      timeout: Duration.seconds(lockstepConfig.orderWorkflow.timeoutSeconds),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', {
          // Step Functions' recommended prefix: log groups under it need no entry in the account's
          // CloudWatch Logs resource policy, whose size limit a few stacks would otherwise exhaust.
          logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-OrderWorkflow`,
          retention: lockstepConfig.logRetentionDays,
          removalPolicy: props.retention.removalPolicy,
        }),
        level: LogLevel.ALL,
        includeExecutionData: true,
      },
    });

    const policy = defaultPolicyOf(this.stateMachine.role);
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Only the X-Ray and CloudWatch Logs delivery actions use "*": neither service accepts a resource ARN for them.',
    );
    for (const task of [props.reserve, props.commit, props.rollback]) {
      acknowledge(
        policy,
        invokeVersionsFinding(task),
        'The ":*" only covers versions and aliases of this task function, which LambdaInvoke grants with the function.',
      );
    }
  }

  /** Gives a buy or sell handler what it needs to run an order through this workflow, and nothing else. */
  allowStartFrom(fn: LambdaFunction): void {
    fn.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartSyncExecution(fn);
  }

  private orderTask(name: string, fn: IFunction, resultPath: string, rollback: IChainable): TaskStateBase {
    return new LambdaInvoke(this, name, {
      lambdaFunction: fn,
      payloadResponseOnly: true,
      // Off so that the explicit Retry below is the only one, with the error list above.
      retryOnServiceExceptions: false,
      resultPath,
    })
      .addRetry(transientFailureRetry)
      .addCatch(rollback, { errors: ['States.ALL'], resultPath: '$.error' });
  }
}
