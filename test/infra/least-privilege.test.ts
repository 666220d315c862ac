import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  allStatements,
  catalogFunctionsByEntry,
  lockstepTemplate,
  type PolicyStatementJson,
  referencedLogicalId,
  renderJoin,
  resource,
  resourcesOfType,
  roleOfFunction,
  statementsOfRole,
} from './lockstep-template';

/**
 * What each handler may do, written out by hand from what its code calls, not read from the
 * function catalog: a permission added to the catalog (or anywhere else) without changing this
 * table fails the test. `table` is the ledger table, `pending-orders` its index.
 */
const TABLE_ACTIONS_OF_ENTRY: Record<string, readonly string[]> = {
  'lambdas/health.ts': [],
  'lambdas/route-not-found.ts': [],
  'lambdas/list-assets.ts': ['Query'],
  'lambdas/put-asset.ts': ['UpdateItem'],
  'lambdas/deposit.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'],
  'lambdas/withdraw.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'],
  'lambdas/transfer.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'],
  'lambdas/place-hold.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'],
  'lambdas/capture-hold.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'],
  'lambdas/void-hold.ts': ['GetItem', 'UpdateItem', 'PutItem'],
  'lambdas/list-holds.ts': ['Query'],
  'lambdas/get-hold.ts': ['GetItem'],
  'lambdas/buy.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem', 'BatchGetItem'],
  'lambdas/sell.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem', 'BatchGetItem'],
  'lambdas/put-user-limits.ts': ['GetItem', 'UpdateItem', 'PutItem'],
  'lambdas/get-user-limits.ts': ['GetItem'],
  'lambdas/get-balance.ts': ['GetItem'],
  'lambdas/get-portfolio.ts': ['GetItem', 'Query'],
  'lambdas/list-orders.ts': ['Query'],
  'lambdas/get-order.ts': ['GetItem'],
  'lambdas/list-transactions.ts': ['Query'],
  'lambdas/order-reserve.ts': ['UpdateItem', 'PutItem', 'ConditionCheckItem'],
  'lambdas/order-commit.ts': ['GetItem', 'UpdateItem', 'PutItem'],
  'lambdas/order-rollback.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'],
  'lambdas/reap-orders.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem', 'Query'],
  'lambdas/fill-orders.ts': ['GetItem', 'UpdateItem', 'PutItem', 'ConditionCheckItem'],
  'lambdas/cancel-order.ts': ['GetItem', 'UpdateItem', 'PutItem'],
};

/** The fill function reads the table's stream (the event source mapping polls it with its role). */
const READS_TABLE_STREAM = new Set(['lambdas/fill-orders.ts']);
const STREAM_GRANTS = [
  'dynamodb:DescribeStream on table stream',
  'dynamodb:GetRecords on table stream',
  'dynamodb:GetShardIterator on table stream',
  'dynamodb:ListStreams on *',
];

/** A lock holder finds the requests parked at its lock on the index (ADR 0014, ADR 0015). */
const QUERIES_PENDING_ORDERS = new Set([
  'lambdas/reap-orders.ts',
  'lambdas/fill-orders.ts',
  'lambdas/transfer.ts',
  'lambdas/deposit.ts',
  'lambdas/withdraw.ts',
  'lambdas/buy.ts',
  'lambdas/sell.ts',
]);
const STARTS_ORDER_WORKFLOW = new Set(['lambdas/buy.ts', 'lambdas/sell.ts']);
const READERS = [
  'lambdas/list-assets.ts',
  'lambdas/get-balance.ts',
  'lambdas/get-user-limits.ts',
  'lambdas/get-portfolio.ts',
  'lambdas/list-orders.ts',
  'lambdas/get-order.ts',
  'lambdas/list-transactions.ts',
  'lambdas/list-holds.ts',
  'lambdas/get-hold.ts',
];
const WRITE_ACTIONS = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'].map(
  (action) => `dynamodb:${action}`,
);

/** Every function writes its own log group and sends traces (X-Ray takes no resource ARN). */
const BASELINE = [
  'logs:CreateLogStream on own log group',
  'logs:PutLogEvents on own log group',
  'xray:PutTelemetryRecords on *',
  'xray:PutTraceSegments on *',
];

function expectedGrants(entry: string): string[] {
  return [
    ...BASELINE,
    ...(TABLE_ACTIONS_OF_ENTRY[entry] ?? []).map((action) => `dynamodb:${action} on table`),
    ...(QUERIES_PENDING_ORDERS.has(entry) ? ['dynamodb:Query on table/index/pending-orders'] : []),
    ...(STARTS_ORDER_WORKFLOW.has(entry) ? ['states:StartSyncExecution on order state machine'] : []),
    ...(READS_TABLE_STREAM.has(entry) ? STREAM_GRANTS : []),
  ].sort();
}

describe('least privilege', () => {
  const template = lockstepTemplate();
  const functionsByEntry = catalogFunctionsByEntry(template);
  const [tableId] = Object.keys(resourcesOfType(template, 'AWS::DynamoDB::Table'));
  const [stateMachineId] = Object.keys(resourcesOfType(template, 'AWS::StepFunctions::StateMachine'));
  const functionOf = (entry: string) => functionsByEntry.get(entry) ?? `missing ${entry}`;
  const roleOfEntry = (entry: string) => roleOfFunction(template, functionOf(entry));

  /** Each resource named the way the expectations above name it; anything unforeseen stays raw and mismatches. */
  function describeResource(value: unknown, ownLogGroup: string | undefined): string {
    if (value === '*') return '*';
    // renderJoin names a GetAtt by its resource alone, and the stream is an attribute of the table.
    const getAtt = (value as { 'Fn::GetAtt'?: unknown[] } | null)?.['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[0] === tableId && getAtt[1] === 'StreamArn') return 'table stream';
    const rendered = renderJoin(value);
    const names: Record<string, string> = {
      [`\${${tableId}}`]: 'table',
      [`\${${tableId}}/index/pending-orders`]: 'table/index/pending-orders',
      [`\${${stateMachineId}}`]: 'order state machine',
      ...(ownLogGroup ? { [`\${${ownLogGroup}}`]: 'own log group' } : {}),
    };
    return names[rendered] ?? rendered;
  }

  /** `action on resource` for every statement the role's policies hold; denies and conditions would show up raw. */
  function grantsOf(statements: readonly PolicyStatementJson[], ownLogGroup?: string): string[] {
    return statements
      .flatMap((statement) => {
        const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
        const prefix = statement.Effect === 'Allow' ? '' : `${statement.Effect} `;
        const condition = statement.Condition ? ` if ${JSON.stringify(statement.Condition)}` : '';
        return actionsOf(statement).flatMap((action) =>
          resources.map(
            (target) => `${prefix}${action} on ${describeResource(target, ownLogGroup)}${condition}`,
          ),
        );
      })
      .sort();
  }

  const logGroupOf = (entry: string): string | undefined => {
    const loggingConfig = resource(template, functionOf(entry)).Properties?.LoggingConfig;
    return typeof loggingConfig === 'object' && loggingConfig !== null && 'LogGroup' in loggingConfig
      ? referencedLogicalId(loggingConfig.LogGroup)
      : undefined;
  };

  it('covers every catalog function', () => {
    expect([...functionsByEntry.keys()].sort()).toEqual(Object.keys(TABLE_ACTIONS_OF_ENTRY).sort());
  });

  it.each(Object.keys(TABLE_ACTIONS_OF_ENTRY))(
    '%s may do exactly what its code calls, on exactly these resources',
    (entry) => {
      const role = roleOfEntry(entry);
      expect(grantsOf(statementsOfRole(template, role), logGroupOf(entry))).toEqual(expectedGrants(entry));
    },
  );

  it.each(Object.keys(TABLE_ACTIONS_OF_ENTRY))(
    '%s has a role of its own, for Lambda only, with no managed or inline policy',
    (entry) => {
      const role = resource(template, roleOfEntry(entry));
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties?.Policies).toBeUndefined();
      expect(role.Properties?.AssumeRolePolicyDocument).toEqual({
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
        Version: '2012-10-17',
      });
      const sharers = Object.keys(TABLE_ACTIONS_OF_ENTRY).filter(
        (other) => roleOfEntry(other) === roleOfEntry(entry),
      );
      expect(sharers).toEqual([entry]);
    },
  );

  it.each(READERS)('%s cannot write', (entry) => {
    const actions = statementsOfRole(template, roleOfEntry(entry)).flatMap(actionsOf);
    expect(actions.filter((action) => WRITE_ACTIONS.includes(action))).toEqual([]);
  });

  it('lets nothing in the stack delete a ledger item', () => {
    const actions = allStatements(template.toJSON()).flatMap(actionsOf);
    expect(actions.filter((action) => /^dynamodb:(DeleteItem|BatchWriteItem|\*)/.test(action))).toEqual([]);
  });

  it('never grants a wildcard action', () => {
    const actions = allStatements(template.toJSON()).flatMap(actionsOf);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  it('lets only the reaper, the fill function and the routes that drain parked requests reach the pending-orders index, and only to query it', () => {
    const indexGrants = Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).flatMap((policy) =>
      allStatements(policy.Properties?.PolicyDocument)
        .filter((statement) => JSON.stringify(statement.Resource).includes('/index/'))
        .flatMap((statement) =>
          (Array.isArray(policy.Properties?.Roles) ? policy.Properties.Roles : []).map((role) => ({
            role: referencedLogicalId(role),
            actions: actionsOf(statement),
          })),
        ),
    );
    const byRole = (a: { role: unknown }, b: { role: unknown }) =>
      String(a.role).localeCompare(String(b.role));
    expect(indexGrants.sort(byRole)).toEqual(
      [...QUERIES_PENDING_ORDERS]
        .map((entry) => ({ role: roleOfEntry(entry), actions: ['dynamodb:Query'] }))
        .sort(byRole),
    );
  });

  it('lets the table be reached only through the catalog roles and the asset seeder', () => {
    const rolesWithTableAccess = new Set(
      Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
        .filter((policy) => JSON.stringify(policy.Properties?.PolicyDocument).includes('dynamodb:'))
        .flatMap((policy) => (Array.isArray(policy.Properties?.Roles) ? policy.Properties.Roles : []))
        .map(referencedLogicalId),
    );
    const catalogRoles = Object.entries(TABLE_ACTIONS_OF_ENTRY)
      .filter(([, actions]) => actions.length > 0)
      .map(([entry]) => roleOfEntry(entry));
    const others = [...rolesWithTableAccess].filter((role) => role && !catalogRoles.includes(role));
    expect(others).toHaveLength(1);
    expect(others[0]).toMatch(/^DefaultAssetsSeederRole/);
  });

  it('lets the asset seeder only put items into the table and write its own logs', () => {
    const [seederRole] = Object.keys(resourcesOfType(template, 'AWS::IAM::Role')).filter((id) =>
      id.startsWith('DefaultAssetsSeederRole'),
    );
    const [seederLogs] = Object.keys(resourcesOfType(template, 'AWS::Logs::LogGroup')).filter((id) =>
      id.startsWith('DefaultAssetsSeederLogs'),
    );
    const grants = grantsOf(statementsOfRole(template, seederRole ?? 'missing'), seederLogs);
    expect(grants).toEqual(
      [
        // One PutItem policy per seeded asset, all on the table.
        'dynamodb:PutItem on table',
        'dynamodb:PutItem on table',
        'dynamodb:PutItem on table',
        'logs:CreateLogStream on own log group',
        'logs:PutLogEvents on own log group',
      ].sort(),
    );
    expect(resource(template, seederRole ?? 'missing').Properties?.ManagedPolicyArns).toBeUndefined();
  });

  it('lets only buy and sell start the order workflow, and only this one', () => {
    const starters = Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).flatMap((policy) => {
      const statements = allStatements(policy.Properties?.PolicyDocument).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('states:')),
      );
      const roles = Array.isArray(policy.Properties?.Roles) ? policy.Properties.Roles : [];
      return statements.flatMap((statement) =>
        roles.map((role) => ({ role: referencedLogicalId(role), statement })),
      );
    });

    expect(starters.map(({ role }) => role).sort()).toEqual(
      [roleOfEntry('lambdas/buy.ts'), roleOfEntry('lambdas/sell.ts')].sort(),
    );
    for (const { statement } of starters) {
      expect(statement).toEqual({
        Action: 'states:StartSyncExecution',
        Effect: 'Allow',
        Resource: { Ref: stateMachineId },
      });
    }
  });

  it('lets the reaper schedule invoke the reaper and nothing else, for this account only', () => {
    const [scheduleRole] = Object.keys(resourcesOfType(template, 'AWS::IAM::Role')).filter((id) =>
      id.startsWith('OrderReaperSchedulerRole'),
    );
    const reaper = functionOf('lambdas/reap-orders.ts');
    expect(grantsOf(statementsOfRole(template, scheduleRole ?? 'missing'))).toEqual([
      `lambda:InvokeFunction on \${${reaper}}`,
      `lambda:InvokeFunction on \${${reaper}}:*`,
    ]);
    expect(resource(template, scheduleRole ?? 'missing').Properties?.AssumeRolePolicyDocument).toEqual({
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
        },
      ],
      Version: '2012-10-17',
    });
  });
});
