import {
  orderReaperExtension,
  orderWorkflowExtension,
  priceChangeFillExtension,
} from './order-flow-extensions';

/**
 * HOOK POINT for the parts of the local stack that are not the API: the in-process order workflow
 * runner (registered with `useOrderWorkflow` from common/orders/workflow-port.ts) and the periodic
 * reaper of orders left PENDING. Add each to `localStackExtensions`.
 *
 * An extension runs after the table exists and the assets are seeded, and before the API accepts
 * requests, so buy and sell never run without a workflow and the reaper sees orders left by a crash
 * before a restart. It returns how to stop it; `stop()` calls those in reverse order, after the API
 * closed and before DynamoDB Local goes.
 */
export interface LocalStackEnvironment {
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
}

export type StopExtension = () => Promise<void> | void;

export type LocalStackExtension = (
  environment: LocalStackEnvironment,
) => Promise<StopExtension> | StopExtension;

export const localStackExtensions: LocalStackExtension[] = [
  orderWorkflowExtension,
  orderReaperExtension,
  priceChangeFillExtension,
];
