import { type App, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DefaultAssets } from './constructs/default-assets';
import { LockstepHttpApi } from './constructs/http-api';
import { LambdaFunctions } from './constructs/lambda-functions';
import { LedgerTable } from './constructs/ledger-table';
import { OrderReaper } from './constructs/order-reaper';
import { OrderWorkflow } from './constructs/order-workflow';
import { UserDirectory } from './constructs/user-directory';
import { dataRetentionFor } from './data-retention';
import { httpFunctions } from './function-catalog';

export const LOCKSTEP_STACK_NAME = 'Lockstep';

/** The whole of lockstep in AWS: table, handlers, order workflow, API, reaper, and seed data. */
export class LockstepStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const retention = dataRetentionFor(this);

    const ledger = new LedgerTable(this, 'Ledger', { retention });
    const functions = new LambdaFunctions(this, 'Functions', {
      table: {
        tableName: ledger.table.tableName,
        tableArn: ledger.table.tableArn,
        indexArns: [ledger.pendingOrdersIndexArn],
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
      userPool: users.userPool,
      userPoolClient: users.client,
      retention,
    });

    new OrderReaper(this, 'OrderReaper', { reapOrders: functions.byId('ReapOrders') });
    new DefaultAssets(this, 'DefaultAssets', { table: ledger.table, retention });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
  }
}

/** The one way to build the stack, shared by `cdk synth` and the in-process synthesis. */
export function buildLockstepStack(app: App): LockstepStack {
  return new LockstepStack(app, LOCKSTEP_STACK_NAME, {
    description: 'lockstep: a serverless trading core',
  });
}
