import { describe, expect, it } from 'vitest';
import {
  type CfnResource,
  lockstepTemplate,
  logicalIdOfEntry,
  renderJoin,
  resourcesOfType,
} from './lockstep-template';

const PERIOD_SECONDS = 300;

/** A single-metric alarm, as CloudFormation holds it. */
function singleMetric(namespace: string, metricName: string, dimensions: unknown[]) {
  return {
    Namespace: namespace,
    MetricName: metricName,
    Dimensions: dimensions,
    Statistic: 'Sum',
    Period: PERIOD_SECONDS,
  };
}

describe('alarms', () => {
  const template = lockstepTemplate();
  const [topicId, ...otherTopics] = Object.keys(resourcesOfType(template, 'AWS::SNS::Topic'));
  const [tableId] = Object.keys(resourcesOfType(template, 'AWS::DynamoDB::Table'));
  const [apiId] = Object.keys(resourcesOfType(template, 'AWS::ApiGatewayV2::Api'));
  const alarms = Object.entries(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
  const alarm = (name: string): CfnResource => {
    const found = alarms.find(([logicalId]) => logicalId.startsWith(`Alarms${name}`));
    if (!found) throw new Error(`No alarm ${name}`);
    return found[1];
  };

  it('are exactly these, each telling the alarm topic when one period breaches, and quiet without data', () => {
    expect(otherTopics).toEqual([]);
    expect(alarms.map(([logicalId]) => logicalId.replace(/^Alarms|[0-9A-F]{8}$/g, '')).sort()).toEqual([
      'ApiServerErrorRate',
      'HoldsExpired',
      'LambdaThrottles',
      'OrdersReaped',
      'ReaperFailed',
      'RollbackFailed',
      'TableThrottles',
    ]);
    for (const [logicalId, { Properties }] of alarms) {
      expect(Properties, logicalId).toMatchObject({
        AlarmActions: [{ Ref: topicId }],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        TreatMissingData: 'notBreaching',
        AlarmDescription: expect.stringMatching(/.{30,}/),
      });
    }
  });

  it('fire on any error of the Rollback task', () => {
    expect(alarm('RollbackFailed').Properties).toMatchObject({
      ...singleMetric('AWS/Lambda', 'Errors', [
        { Name: 'FunctionName', Value: { Ref: logicalIdOfEntry(template, 'lambdas/order-rollback.ts') } },
      ]),
      Threshold: 1,
    });
  });

  it('fire on any order the reaper had to resolve, from the metric the reaper records', () => {
    expect(alarm('OrdersReaped').Properties).toMatchObject({
      ...singleMetric('Lockstep', 'ReaperResolutions', [{ Name: 'service', Value: 'lockstep' }]),
      Threshold: 1,
    });
  });

  it('fire on any hold the reaper found expired, from the metric the reaper records', () => {
    expect(alarm('HoldsExpired').Properties).toMatchObject({
      ...singleMetric('Lockstep', 'HoldsExpired', [{ Name: 'service', Value: 'lockstep' }]),
      Threshold: 1,
    });
  });

  it('fire on any failed reaper run', () => {
    expect(alarm('ReaperFailed').Properties).toMatchObject({
      ...singleMetric('AWS/Lambda', 'Errors', [
        { Name: 'FunctionName', Value: { Ref: logicalIdOfEntry(template, 'lambdas/reap-orders.ts') } },
      ]),
      Threshold: 1,
    });
  });

  it('fire when 5% of API requests get a 5xx', () => {
    const apiMetric = (id: string, name: string) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApiGateway',
          MetricName: name,
          Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
        },
        Period: PERIOD_SECONDS,
        Stat: 'Sum',
      },
      ReturnData: false,
    });
    const { Threshold, Metrics } = alarm('ApiServerErrorRate').Properties ?? {};
    expect(Threshold).toBe(5);
    expect(Metrics).toEqual([
      {
        Id: 'expr_1',
        Expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
        Label: 'API 5xx rate (%)',
        ReturnData: true,
      },
      apiMetric('errors', '5xx'),
      apiMetric('requests', 'Count'),
    ]);
  });

  it('fire on any Lambda throttle in the account', () => {
    expect(alarm('LambdaThrottles').Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Statistic: 'Sum',
      Period: PERIOD_SECONDS,
      Threshold: 1,
    });
    expect(alarm('LambdaThrottles').Properties?.Dimensions).toBeUndefined();
  });

  it('fire on any throttled request to the ledger table, whichever operation it was', () => {
    const metrics = (alarm('TableThrottles').Properties?.Metrics ?? []) as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: unknown }[] } };
    }[];
    const operations = metrics.flatMap(({ MetricStat }) =>
      MetricStat?.Metric.MetricName === 'ThrottledRequests'
        ? MetricStat.Metric.Dimensions.filter(({ Name }) => Name === 'Operation').map(({ Value }) => Value)
        : [],
    );
    expect(operations.sort()).toEqual(
      ['BatchGetItem', 'GetItem', 'PutItem', 'Query', 'TransactWriteItems', 'UpdateItem'].sort(),
    );
    for (const { MetricStat } of metrics.filter(({ MetricStat }) => MetricStat)) {
      expect(MetricStat?.Metric.Dimensions).toContainEqual({ Name: 'TableName', Value: { Ref: tableId } });
    }
    const [expression] = metrics;
    for (const { Id } of metrics.filter(({ MetricStat }) => MetricStat)) {
      expect(expression?.Expression).toContain(`FILL(${Id}, 0)`);
    }
    expect(alarm('TableThrottles').Properties?.Threshold).toBe(1);
  });
});

describe('alarm topic', () => {
  it('has no subscriber unless an alarm email is given', () => {
    lockstepTemplate().resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('emails the address given as the alarmEmail context', () => {
    const template = lockstepTemplate({ alarmEmail: 'ops@example.com' });
    const [topicId] = Object.keys(resourcesOfType(template, 'AWS::SNS::Topic'));
    expect(
      Object.values(resourcesOfType(template, 'AWS::SNS::Subscription')).map((s) => s.Properties),
    ).toEqual([{ Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } }]);
  });

  it('refuses an alarmEmail that is not an email address', () => {
    expect(() => lockstepTemplate({ alarmEmail: 'not-an-address' })).toThrow(/alarmEmail must be an email/);
  });

  it("takes publishes over TLS only, and from this account's CloudWatch alarms", () => {
    const template = lockstepTemplate();
    const [topicId] = Object.keys(resourcesOfType(template, 'AWS::SNS::Topic'));
    const [policy, ...others] = Object.values(resourcesOfType(template, 'AWS::SNS::TopicPolicy'));
    expect(others).toEqual([]);
    expect(policy?.Properties?.Topics).toEqual([{ Ref: topicId }]);
    const document = policy?.Properties?.PolicyDocument as
      | { Statement?: Record<string, unknown>[] }
      | undefined;
    const statements = document?.Statement ?? [];
    expect(statements).toEqual([
      {
        Sid: 'AllowPublishThroughSSLOnly',
        Action: 'sns:Publish',
        Effect: 'Deny',
        Principal: '*',
        Resource: { Ref: topicId },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'AllowThisAccountsAlarmsToPublish',
        Action: 'sns:Publish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Resource: { Ref: topicId },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': expect.anything() },
        },
      },
    ]);
    const sourceArn = (statements[1]?.Condition as { ArnLike?: Record<string, unknown> } | undefined)
      ?.ArnLike?.['aws:SourceArn'];
    expect(renderJoin(sourceArn)).toBe(
      `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:*`,
    );
  });
});

describe('dashboard', () => {
  const template = lockstepTemplate();
  const [dashboard, ...others] = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Dashboard'));
  const body = renderJoin(dashboard?.Properties?.DashboardBody);

  it('is one dashboard, named after the stack and its region', () => {
    expect(others).toEqual([]);
    expect(dashboard?.Properties?.DashboardName).toEqual({
      'Fn::Join': ['', ['Lockstep-', { Ref: 'AWS::Region' }]],
    });
  });

  it.each([
    ['lock wait', '"Lockstep","LockWaitMs","service","lockstep"'],
    ['lock contention', '"Lockstep","LockContention","service","lockstep"'],
    ['fence rejections', '"Lockstep","FenceRejections","service","lockstep"'],
    ['business rollbacks', '"Lockstep","BusinessRollbacks","service","lockstep"'],
    ['technical rollbacks', '"Lockstep","TechnicalRollbacks","service","lockstep"'],
    ['reaper resolutions', '"Lockstep","ReaperResolutions","service","lockstep"'],
    ['idempotent replays', '"Lockstep","IdempotentReplays","service","lockstep"'],
    ['API requests', '"AWS/ApiGateway","Count","ApiId"'],
    ['API 5xx', '"AWS/ApiGateway","5xx","ApiId"'],
    ['API latency', '"AWS/ApiGateway","Latency","ApiId"'],
    ['state machine executions', '"AWS/States","ExecutionsStarted","StateMachineArn"'],
    ['state machine failures', '"AWS/States","ExecutionsFailed","StateMachineArn"'],
    ['Lambda throttles', '"AWS/Lambda","Throttles"'],
    ['table throttles', '"AWS/DynamoDB","ThrottledRequests"'],
  ])('graphs %s', (_name, metric) => {
    expect(body).toContain(metric);
  });

  it("graphs every function's errors with one search over the stack's functions", () => {
    expect(body).toContain(
      `SEARCH('{AWS/Lambda,FunctionName} MetricName=\\"Errors\\" \\"Lockstep\\"', 'Sum', 60)`,
    );
  });

  it('stays within the 50 metrics a free-tier dashboard may show', () => {
    const widgets = (JSON.parse(body) as { widgets: { properties: { metrics?: unknown[] } }[] }).widgets;
    const metrics = widgets.flatMap((widget) => widget.properties.metrics ?? []);
    expect(metrics.length).toBeGreaterThan(20);
    expect(metrics.length).toBeLessThanOrEqual(50);
  });

  it('shows the state of every alarm', () => {
    const alarmIds = Object.keys(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    expect(alarmIds).toHaveLength(7);
    for (const alarmId of alarmIds) expect(body).toContain(`\${${alarmId}}`);
  });
});
