import { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** How the stateful resources (ledger table, user pool, logs) behave when the stack is deleted. */
export interface DataRetention {
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
}

export const DESTROY_DATA_CONTEXT_KEY = 'destroyData';

/**
 * The ledger is money, so keeping it is the default; only an explicit `destroyData=true` (for
 * throwaway dev stacks) lets a `cdk destroy` take the data with it. `-c destroyData=true` arrives as
 * a string, cdk.json as a boolean: both count.
 */
export function dataRetentionFor(scope: Construct): DataRetention {
  const flag: unknown = scope.node.tryGetContext(DESTROY_DATA_CONTEXT_KEY);
  const destroyData = flag === true || flag === 'true';
  return destroyData
    ? { removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false }
    : { removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true };
}
