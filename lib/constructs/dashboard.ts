import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { metricNames } from '../../common/observability/metric-names';
import { lockstepMetric, tableThrottles } from './alarms';

export interface LockstepDashboardProps {
  readonly api: IHttpApi;
  readonly stateMachine: IStateMachine;
  readonly table: ITable;
  readonly alarms: readonly Alarm[];
}

/** Finer than the alarms' window: a dashboard is read while something is happening. */
const PERIOD = Duration.minutes(1);
const WIDTH = 8;
const HEIGHT = 6;

const graph = (title: string, left: IMetric[], right: IMetric[] = []): GraphWidget =>
  new GraphWidget({ title, left, right, width: WIDTH, height: HEIGHT, period: PERIOD });

const own = (metricName: string, label: string, statistic: string = Stats.SUM): IMetric =>
  lockstepMetric(metricName, statistic).with({ period: PERIOD, label });

/**
 * Every function's errors as one search expression, one line per function. A metric per function
 * would spend most of the dashboard's 50 metrics on this one graph as functions are added. The
 * functions' generated names start with the stack's name, which is what the search matches.
 */
const functionErrors = (stackName: string): IMetric =>
  new MathExpression({
    expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="Errors" "${stackName}"', 'Sum', 60)`,
    usingMetrics: {},
    period: PERIOD,
    label: '',
  });

/**
 * One page for "is lockstep healthy?": the API, the order workflow, the lock, and the alarms. Kept
 * under 50 metrics, the most a dashboard may show and still count toward CloudWatch's free three.
 */
export class LockstepDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: LockstepDashboardProps) {
    super(scope, id);
    const { api, stateMachine, table } = props;
    const sum = { period: PERIOD, statistic: Stats.SUM };

    this.dashboard = new Dashboard(this, 'Dashboard', {
      // Dashboards are global to the account while stacks are regional: the region keeps a second
      // region's stack of the same name from taking this one's dashboard.
      dashboardName: `${Stack.of(this).stackName}-${Stack.of(this).region}`,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 3 * WIDTH, height: 3 }),
    );
    this.dashboard.addWidgets(
      graph('API requests and errors', [
        api.metricCount({ ...sum, label: 'requests' }),
        api.metricClientError({ ...sum, label: '4xx' }),
        api.metricServerError({ ...sum, label: '5xx' }),
      ]),
      graph('API latency (ms)', [
        api.metricLatency({ period: PERIOD, statistic: Stats.percentile(50), label: 'p50' }),
        api.metricLatency({ period: PERIOD, statistic: Stats.percentile(99), label: 'p99' }),
      ]),
      graph(
        'Order workflow executions',
        [
          stateMachine.metricStarted({ ...sum, label: 'started' }),
          stateMachine.metricSucceeded({ ...sum, label: 'succeeded' }),
          stateMachine.metricFailed({ ...sum, label: 'failed (incl. refused orders)' }),
          stateMachine.metricTimedOut({ ...sum, label: 'timed out' }),
        ],
        [
          stateMachine.metricTime({
            period: PERIOD,
            statistic: Stats.percentile(99),
            label: 'p99 duration (ms)',
          }),
        ],
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'User lock',
        [
          own(metricNames.lockWait, 'wait p50 (ms)', Stats.percentile(50)),
          own(metricNames.lockWait, 'wait p99 (ms)', Stats.percentile(99)),
        ],
        [
          own(metricNames.lockContention, 'attempts that found it held'),
          own(metricNames.fenceRejections, 'fence rejections'),
        ],
      ),
      graph('Order outcomes', [
        own(metricNames.businessRollbacks, 'rolled back: refused'),
        own(metricNames.technicalRollbacks, 'rolled back: technical failure'),
        own(metricNames.reaperResolutions, 'expired by the reaper'),
        own(metricNames.holdsExpired, 'holds expired by the reaper'),
        own(metricNames.idempotentReplays, 'idempotent replays'),
      ]),
      graph(
        'Throttling',
        [tableThrottles(table, PERIOD).with({ label: 'DynamoDB (ledger table)' })],
        [new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', ...sum, label: 'Lambda (account)' })],
      ),
    );
    this.dashboard.addWidgets(graph('Lambda errors by function', [functionErrors(Stack.of(this).stackName)]));
  }
}
