import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

export interface OrderReaperProps {
  readonly reapOrders: IFunction;
}

/**
 * Runs the reaper every minute: the contract resolves an order left PENDING by a crash within
 * 2 minutes, and a 30 s lease plus one period stays inside that.
 */
export class OrderReaper extends Construct {
  constructor(scope: Construct, id: string, props: OrderReaperProps) {
    super(scope, id);
    new Schedule(this, 'Schedule', {
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      description: 'Resolves orders left PENDING by a crashed workflow and releases their held funds',
      // No retries: the next run is a minute away and sees the same pending orders.
      target: new LambdaInvoke(props.reapOrders, { retryAttempts: 0 }),
    });
  }
}
