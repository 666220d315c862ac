import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { TableAction } from './function-catalog';

export interface TableArns {
  readonly tableArn: string;
  readonly indexArns: readonly string[];
}

/**
 * Exactly the catalog's actions, never a `grant*` helper: those add actions a handler does not use,
 * and least privilege is only checkable when the policy is the catalog line, verbatim.
 */
export function tableAccessStatements(actions: readonly TableAction[], arns: TableArns): PolicyStatement[] {
  if (actions.length === 0) return [];
  const statements = [
    new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: [arns.tableArn] }),
  ];
  // Of the catalog actions only Query can target an index; granting the others there would be dead privilege.
  if (actions.includes('dynamodb:Query') && arns.indexArns.length > 0) {
    statements.push(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:Query'],
        resources: [...arns.indexArns],
      }),
    );
  }
  return statements;
}
