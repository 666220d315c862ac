import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE, metricNames } from '../../common/observability/metric-names';
import { lockstepConfig } from '../config';
import { acknowledge } from '../nag';

export const ALARM_EMAIL_CONTEXT_KEY = 'alarmEmail';

/** `-c alarmEmail=you@example.com`: where alarm notifications go; unset, the topic has no subscriber. */
export function alarmEmailFor(scope: Construct): string | undefined {
  const value: unknown = scope.node.tryGetContext(ALARM_EMAIL_CONTEXT_KEY);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw new Error(
      `Context ${ALARM_EMAIL_CONTEXT_KEY} must be an email address, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A metric lockstep records itself (see common/observability/metrics.ts). */
export function lockstepMetric(metricName: string, statistic: string = Stats.SUM): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE },
    statistic,
    period: Duration.minutes(lockstepConfig.alarms.periodMinutes),
  });
}

/** The table operations lockstep's handlers issue; throttling on any of them is a capacity problem. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

/**
 * Throttled requests to the table, all operations summed. DynamoDB only reports an operation's
 * throttles when there are some, and a plain `a + b` has no value where either is missing, so
 * each is filled with 0 (CDK's own metricThrottledRequestsForOperations does not).
 */
export function tableThrottles(table: ITable, period: Duration): MathExpression {
  const usingMetrics = Object.fromEntries(
    TABLE_OPERATIONS.map((operation) => [
      operation.toLowerCase(),
      table.metric('ThrottledRequests', {
        dimensionsMap: { TableName: table.tableName, Operation: operation },
        statistic: Stats.SUM,
        period,
      }),
    ]),
  );
  return new MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    label: 'throttled requests, all operations',
    period,
  });
}

export interface LockstepAlarmsProps {
  readonly alarmEmail: string | undefined;
  readonly rollback: IFunction;
  readonly reaper: IFunction;
  readonly api: IHttpApi;
  readonly table: ITable;
}

/**
 * What needs a human: a rollback that failed, an order only the reaper could resolve (a crashed
 * flow), holds that expired unresolved, a reaper that fails, server errors, and throttling. Every alarm notifies one SNS topic, and
 * is quiet when there is no traffic: missing data is not a breach.
 */
export class LockstepAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: LockstepAlarmsProps) {
    super(scope, id);
    this.topic = this.createTopic(props.alarmEmail);
    const period = Duration.minutes(lockstepConfig.alarms.periodMinutes);
    const atLeastOnce = (name: string, description: string, metric: IMetric): Alarm =>
      this.alarm(name, description, metric, 1);

    this.alarms = [
      atLeastOnce(
        'RollbackFailed',
        'A Rollback task of the order workflow failed: an order may still hold funds until the reaper expires it. See the RollbackOrder logs.',
        props.rollback.metricErrors({ period, statistic: Stats.SUM }),
      ),
      atLeastOnce(
        'OrdersReaped',
        'The reaper failed an order left PENDING past its lease: an order flow crashed or timed out. See the ReapOrders logs.',
        lockstepMetric(metricNames.reaperResolutions),
      ),
      atLeastOnce(
        'HoldsExpired',
        'The reaper released holds that expired unresolved: their payers neither captured nor voided them in time, so the payees were not paid. A burst usually means captures are failing. See the ReapOrders logs.',
        lockstepMetric(metricNames.holdsExpired),
      ),
      atLeastOnce(
        'ReaperFailed',
        'The reaper failed a run; orders left PENDING by a crash, and expired holds, stay unresolved until it succeeds. See the ReapOrders logs.',
        props.reaper.metricErrors({ period, statistic: Stats.SUM }),
      ),
      this.alarm(
        'ApiServerErrorRate',
        `At least ${lockstepConfig.alarms.serverErrorRatePercent}% of API requests were answered with a 5xx.`,
        new MathExpression({
          // API Gateway may leave out a period's 5xx datapoint; without FILL the rate would be missing too.
          expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
          usingMetrics: {
            errors: props.api.metricServerError({ period, statistic: Stats.SUM }),
            requests: props.api.metricCount({ period, statistic: Stats.SUM }),
          },
          label: 'API 5xx rate (%)',
          period,
        }),
        lockstepConfig.alarms.serverErrorRatePercent,
      ),
      // Account-wide on purpose: an alarm may combine at most 10 metrics, lockstep has more functions,
      // and in an account of its own any Lambda throttle is lockstep's (a new account may allow only 10 at once).
      atLeastOnce(
        'LambdaThrottles',
        'Lambda throttled invocations in this account and Region: requests are failing with 503. Check the account concurrency quota.',
        new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: Stats.SUM, period }),
      ),
      atLeastOnce(
        'TableThrottles',
        'DynamoDB throttled requests to the ledger table: operations are retried and may answer 503.',
        tableThrottles(props.table, period),
      ),
    ];
  }

  private createTopic(alarmEmail: string | undefined): Topic {
    const topic = new Topic(this, 'Topic', { displayName: 'lockstep alarms', enforceSSL: true });
    // The SSL policy replaces the topic's default policy, which is what let CloudWatch publish.
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowThisAccountsAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnLike: {
            'aws:SourceArn': Stack.of(this).formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    acknowledge(
      topic,
      'AwsSolutions-SNS2',
      'Alarm notifications carry alarm names and states only; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer key costs a monthly fee.',
    );
    if (alarmEmail) {
      const subscription = topic.addSubscription(new EmailSubscription(alarmEmail));
      acknowledge(
        subscription,
        'Serverless-SNSRedrivePolicy',
        'An email subscription to alarm notifications; an undeliverable one would sit in a queue nobody reads, and the alarm state stays visible in CloudWatch.',
      );
    }
    return topic;
  }

  private alarm(name: string, description: string, metric: IMetric, threshold: number): Alarm {
    const alarm = new Alarm(this, name, {
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
