/**
 * Every Lambda entry point of lockstep, with the route it serves and the table actions it needs.
 * The CDK stack builds functions, routes and least-privilege grants from this list, and the local
 * server routes requests to the same handler modules from it: one list, so they cannot drift.
 */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:ConditionCheckItem';

export interface HttpRoute {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** API Gateway route path, with `{param}` placeholders. */
  readonly path: string;
  /** False only for GET /health. */
  readonly authenticated: boolean;
}

export interface FunctionSpec {
  /** Construct id and logical name, PascalCase. */
  readonly id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly route?: HttpRoute;
  readonly tableActions: readonly TableAction[];
  /** Starts and waits for the order state machine (buy and sell only). */
  readonly startsOrderWorkflow?: boolean;
  /** A task of the order state machine. */
  readonly workflowTask?: 'reserve' | 'commit' | 'rollback';
  readonly timeoutSeconds?: number;
}

const READ: TableAction[] = ['dynamodb:GetItem', 'dynamodb:Query'];
/** Taking and releasing the user lock, and the fenced transactions that carry every balance change. */
const LOCKED_WRITE: TableAction[] = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:PutItem',
  'dynamodb:ConditionCheckItem',
];

export const functionCatalog: readonly FunctionSpec[] = [
  {
    id: 'Health',
    entry: 'lambdas/health.ts',
    route: { method: 'GET', path: '/health', authenticated: false },
    tableActions: [],
  },
  {
    id: 'ListAssets',
    entry: 'lambdas/list-assets.ts',
    route: { method: 'GET', path: '/assets', authenticated: true },
    tableActions: ['dynamodb:Query'],
  },
  {
    id: 'PutAsset',
    entry: 'lambdas/put-asset.ts',
    route: { method: 'PUT', path: '/assets/{asset}', authenticated: true },
    tableActions: ['dynamodb:UpdateItem'],
  },
  {
    id: 'Deposit',
    entry: 'lambdas/deposit.ts',
    route: { method: 'POST', path: '/deposits', authenticated: true },
    tableActions: LOCKED_WRITE,
  },
  {
    id: 'Withdraw',
    entry: 'lambdas/withdraw.ts',
    route: { method: 'POST', path: '/withdrawals', authenticated: true },
    tableActions: LOCKED_WRITE,
  },
  {
    id: 'Buy',
    entry: 'lambdas/buy.ts',
    route: { method: 'POST', path: '/orders/buy', authenticated: true },
    tableActions: [...LOCKED_WRITE, 'dynamodb:BatchGetItem'],
    startsOrderWorkflow: true,
    timeoutSeconds: 30,
  },
  {
    id: 'Sell',
    entry: 'lambdas/sell.ts',
    route: { method: 'POST', path: '/orders/sell', authenticated: true },
    tableActions: [...LOCKED_WRITE, 'dynamodb:BatchGetItem'],
    startsOrderWorkflow: true,
    timeoutSeconds: 30,
  },
  {
    id: 'GetBalance',
    entry: 'lambdas/get-balance.ts',
    route: { method: 'GET', path: '/balance', authenticated: true },
    tableActions: ['dynamodb:GetItem'],
  },
  {
    id: 'ListOrders',
    entry: 'lambdas/list-orders.ts',
    route: { method: 'GET', path: '/orders', authenticated: true },
    tableActions: ['dynamodb:Query'],
  },
  {
    id: 'GetOrder',
    entry: 'lambdas/get-order.ts',
    route: { method: 'GET', path: '/orders/{orderId}', authenticated: true },
    tableActions: ['dynamodb:GetItem'],
  },
  {
    id: 'ListTransactions',
    entry: 'lambdas/list-transactions.ts',
    route: { method: 'GET', path: '/transactions', authenticated: true },
    tableActions: ['dynamodb:Query'],
  },
  {
    id: 'ReserveOrder',
    entry: 'lambdas/order-reserve.ts',
    workflowTask: 'reserve',
    tableActions: LOCKED_WRITE,
  },
  { id: 'CommitOrder', entry: 'lambdas/order-commit.ts', workflowTask: 'commit', tableActions: LOCKED_WRITE },
  {
    id: 'RollbackOrder',
    entry: 'lambdas/order-rollback.ts',
    workflowTask: 'rollback',
    tableActions: LOCKED_WRITE,
  },
  {
    id: 'ReapOrders',
    entry: 'lambdas/reap-orders.ts',
    tableActions: [...LOCKED_WRITE, 'dynamodb:Query'],
    timeoutSeconds: 60,
  },
];

export const httpFunctions = functionCatalog.filter((spec): spec is FunctionSpec & { route: HttpRoute } =>
  Boolean(spec.route),
);
