import { describe, expect, it } from 'vitest';
import { functionCatalog } from '../../lib/function-catalog';
import {
  actionsOf,
  allStatements,
  catalogFunctionsByEntry,
  lockstepTemplate,
  referencedLogicalId,
  renderJoin,
  resource,
  resourcesOfType,
  roleOfFunction,
  statementsOfRole,
} from './lockstep-template';

/** What tracing needs on every function, whatever its catalog line says. */
const TRACING_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

describe('least privilege', () => {
  const template = lockstepTemplate();
  const functionsByEntry = catalogFunctionsByEntry(template);
  const [tableId] = Object.keys(resourcesOfType(template, 'AWS::DynamoDB::Table'));
  const [stateMachineId] = Object.keys(resourcesOfType(template, 'AWS::StepFunctions::StateMachine'));
  const roleOfEntry = (entry: string) => roleOfFunction(template, functionsByEntry.get(entry) ?? 'missing');

  it('never grants a wildcard action', () => {
    const actions = allStatements(template.toJSON()).flatMap(actionsOf);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  it.each(functionCatalog.map((spec) => [spec.id, spec] as const))(
    '%s may do exactly its catalog table actions, on this table only, and nothing more',
    (_id, spec) => {
      const role = roleOfEntry(spec.entry);
      const managedPolicies = resource(template, role).Properties?.ManagedPolicyArns;
      expect(Array.isArray(managedPolicies) ? managedPolicies.map(renderJoin) : []).toEqual([
        `arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,
      ]);

      const statements = statementsOfRole(template, role);
      const tableActions = statements.flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:'));
      expect(new Set(tableActions)).toEqual(new Set(spec.tableActions));

      const expected = new Set([
        ...spec.tableActions,
        ...TRACING_ACTIONS,
        ...(spec.startsOrderWorkflow ? ['states:StartSyncExecution'] : []),
      ]);
      expect(new Set(statements.flatMap(actionsOf))).toEqual(expected);

      for (const statement of statements.filter((candidate) =>
        actionsOf(candidate)[0]?.startsWith('dynamodb:'),
      )) {
        const target = renderJoin(statement.Resource ?? '');
        expect([`\${${tableId}}`, `\${${tableId}}/index/pending-orders`]).toContain(target);
        if (target.includes('/index/')) expect(actionsOf(statement)).toEqual(['dynamodb:Query']);
      }
    },
  );

  it('lets the table be reached only through the catalog roles and the asset seeder', () => {
    const rolesWithTableAccess = new Set(
      Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
        .filter((policy) => JSON.stringify(policy.Properties?.PolicyDocument).includes('dynamodb:'))
        .flatMap((policy) => (Array.isArray(policy.Properties?.Roles) ? policy.Properties.Roles : []))
        .map(referencedLogicalId),
    );
    const catalogRoles = functionCatalog
      .filter((spec) => spec.tableActions.length > 0)
      .map((spec) => roleOfEntry(spec.entry));
    const others = [...rolesWithTableAccess].filter((role) => role && !catalogRoles.includes(role));
    expect(others).toHaveLength(1);
    expect(others[0]).toMatch(/^AWS679f53fac002430cb0da5b7982bd2287ServiceRole/);
  });

  it('lets the asset seeder only put items into the table', () => {
    const seederStatements = Object.entries(resourcesOfType(template, 'AWS::IAM::Policy'))
      .filter(([logicalId]) => logicalId.startsWith('DefaultAssets'))
      .map(([, policy]) => policy.Properties?.PolicyDocument);
    expect(seederStatements).toHaveLength(3);
    for (const document of seederStatements) {
      expect(document).toEqual({
        Statement: [
          { Action: 'dynamodb:PutItem', Effect: 'Allow', Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } },
        ],
        Version: '2012-10-17',
      });
    }
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
});
