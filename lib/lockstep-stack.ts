import { type App, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { lockstepConfig } from './config';
import { alarmEmailFor, LockstepAlarms } from './constructs/alarms';
import { LockstepDashboard } from './constructs/dashboard';
import { DefaultAssets } from './constructs/default-assets';
import { LockstepHttpApi } from './constructs/http-api';
import { LambdaFunctions } from './constructs/lambda-functions';
import { LedgerTable } from './constructs/ledger-table';
import { OrderReaper } from './constructs/order-reaper';
import { OrderWorkflow } from './constructs/order-workflow';
import { UserDirectory } from './constructs/user-directory';
import { dataRetentionFor } from './data-retention';
import { httpFunctions, unmatchedRouteFunction } from './function-catalog';
import { enforceNagChecks } from './nag';
import { stackNameFor } from './stack-name';

/** The whole of lockstep in AWS: table, handlers, order workflow, API, reaper, seed data, and its monitoring. */
export class LockstepStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const retention = dataRetentionFor(this);

    const ledger = new LedgerTable(this, 'Ledger', { retention });
    const functions = new LambdaFunctions(this, 'Functions', {
      table: {
        tableName: ledger.table.tableName,
        tableArn: ledger.table.tableArn,
        pendingOrdersIndexArn: ledger.pendingOrdersIndexArn,
      },
      retention,
    });

    const workflow = new OrderWorkflow(this, 'OrderWorkflow', {
      reserve: functions.forWorkflowTask('reserve'),
      commit: functions.forWorkflowTask('commit'),
      rollback: functions.forWorkflowTask('rollback'),
      retention,
    });
    for (const { spec, fn } of functions.all) {
      if (spec.startsOrderWorkflow) workflow.allowStartFrom(fn);
    }

    const users = new UserDirectory(this, 'Users', { retention });
    const api = new LockstepHttpApi(this, 'HttpApi', {
      routes: httpFunctions.map((spec) => ({ route: spec.route, fn: functions.byId(spec.id) })),
      unmatchedRoutes: functions.byId(unmatchedRouteFunction.id),
      userPool: users.userPool,
      userPoolClient: users.client,
      retention,
    });

    new OrderReaper(this, 'OrderReaper', { reapOrders: functions.byId('ReapOrders') });
    new DefaultAssets(this, 'DefaultAssets', { table: ledger.table, retention });

    const alarms = new LockstepAlarms(this, 'Alarms', {
      alarmEmail: alarmEmailFor(this),
      rollback: functions.forWorkflowTask('rollback'),
      reaper: functions.byId('ReapOrders'),
      api: api.api,
      table: ledger.table,
    });
    new LockstepDashboard(this, 'Dashboard', {
      api: api.api,
      stateMachine: workflow.stateMachine,
      table: ledger.table,
      alarms: alarms.alarms,
    });

    const outputs = lockstepConfig.stackOutputs;
    new CfnOutput(this, outputs.apiUrl, { value: api.url });
    new CfnOutput(this, outputs.userPoolId, { value: users.userPool.userPoolId });
    new CfnOutput(this, outputs.userPoolClientId, { value: users.client.userPoolClientId });
  }
}

/**
 * The one way to build the stack, shared by `cdk synth` and the in-process synthesis, so both fail
 * alike on an unacknowledged cdk-nag finding.
 */
export function buildLockstepStack(app: App): LockstepStack {
  enforceNagChecks(app);
  return new LockstepStack(app, stackNameFor(app), {
    description: 'lockstep: a serverless trading core',
  });
}
