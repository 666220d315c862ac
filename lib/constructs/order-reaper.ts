import { Duration, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { acknowledge, defaultPolicyOf, invokeVersionsFinding } from '../nag';

export interface OrderReaperProps {
  readonly reapOrders: IFunction;
}

const REAPER_PERIOD = Duration.minutes(1);

/**
 * Runs the reaper every minute: the contract resolves an order left PENDING by a crash within
 * 2 minutes, and a 30 s lease plus one period stays inside that.
 */
export class OrderReaper extends Construct {
  constructor(scope: Construct, id: string, props: OrderReaperProps) {
    super(scope, id);
    const { reapOrders } = props;

    // A role of its own rather than the stack-wide one the target would create, so that it may
    // invoke the reaper and nothing else, and only for schedules of this account.
    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'lockstep order reaper schedule: invokes ReapOrders',
    });
    new Schedule(this, 'Schedule', {
      schedule: ScheduleExpression.rate(REAPER_PERIOD),
      description: 'Resolves orders left PENDING by a crashed workflow and releases their held funds',
      // No retries: the next run is a minute away and sees the same pending orders.
      target: new LambdaInvoke(reapOrders, { retryAttempts: 0, role }),
    });
    acknowledge(
      defaultPolicyOf(role),
      invokeVersionsFinding(reapOrders),
      'The ":*" only covers versions and aliases of ReapOrders, which the scheduler target grants with the function.',
    );

    // The scheduler invokes asynchronously; Lambda's own retries would only overlap the next run.
    reapOrders.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: REAPER_PERIOD });
    const superseded =
      'A failed run is superseded by the next one a minute later, which finds the same orders; the ReaperFailed alarm reports failures once rather than a message per minute.';
    acknowledge(reapOrders, 'Serverless-LambdaDLQ', superseded);
    acknowledge(reapOrders, 'Serverless-LambdaAsyncFailureDestination', superseded);
  }
}
