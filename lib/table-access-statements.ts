import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { FunctionSpec } from './function-catalog';

export interface TableArns {
  readonly tableArn: string;
  readonly pendingOrdersIndexArn: string;
}

/**
 * Exactly the catalog's actions, never a `grant*` helper: those add actions a handler does not use,
 * and least privilege is only checkable when the policy is the catalog line, verbatim. A Query on
 * the table does not reach its indexes (an index is its own IAM resource), so only a function that
 * is listed as querying the pending-orders index gets that index, and nothing else there.
 */
export function tableAccessStatements(
  spec: Pick<FunctionSpec, 'tableActions' | 'queriesPendingOrders'>,
  arns: TableArns,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (spec.tableActions.length > 0) {
    statements.push(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...spec.tableActions],
        resources: [arns.tableArn],
      }),
    );
  }
  if (spec.queriesPendingOrders) {
    statements.push(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:Query'],
        resources: [arns.pendingOrdersIndexArn],
      }),
    );
  }
  return statements;
}
