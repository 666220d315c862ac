import { lockstepConfig } from './config';

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
  /** Actions on the table itself; none of them reaches an index. */
  readonly tableActions: readonly TableAction[];
  /** May Query the `pending-orders` index (the reaper, the filler, and every route that parks at a busy lock). */
  readonly queriesPendingOrders?: boolean;
  /** Starts and waits for the order state machine (buy and sell only). */
  readonly startsOrderWorkflow?: boolean;
  /** Invoked by the table's stream for every change of an asset item (a price change). */
  readonly triggeredByPriceChanges?: boolean;
  /** A task of the order state machine. */
  readonly workflowTask?: 'reserve' | 'commit' | 'rollback';
  readonly timeoutSeconds?: number;
  /** Answers every request no route matches (API Gateway's `$default` route) with the contract's 404. */
  readonly servesUnmatchedRoutes?: boolean;
}

/**
 * Reading the balance when the lease brought no snapshot, taking and releasing the user lock, and
 * the fenced transactions that carry every balance change, including a decision that leaves the
 * balance as it is but must prove it current (a ConditionCheck).
 */
const LOCKED_WRITE_WITH_CHECK: readonly TableAction[] = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:PutItem',
  'dynamodb:ConditionCheckItem',
];

/** Locked writes, plus the one BatchGetItem of price, idempotency record and balance. */
const ORDER_PLACEMENT: readonly TableAction[] = [...LOCKED_WRITE_WITH_CHECK, 'dynamodb:BatchGetItem'];

/**
 * Each line lists the table actions its handler's code actually issues, and no more: a transaction
 * needs the action of each of its items (Put → PutItem, Update → UpdateItem, ConditionCheck →
 * ConditionCheckItem), and a `ReturnValues` needs nothing extra. When a handler starts a new kind of
 * call, its line here must grow with it, or the call is denied in AWS (locally nothing checks IAM).
 */
export const unmatchedRouteFunction: FunctionSpec = {
  id: 'RouteNotFound',
  entry: 'lambdas/route-not-found.ts',
  servesUnmatchedRoutes: true,
  tableActions: [],
};

export const functionCatalog: readonly FunctionSpec[] = [
  unmatchedRouteFunction,
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
    // A deposit past the daily limit records its refusal against an unchanged, checked balance; a
    // deposit to a busy account is parked, and the lock's holder lists parked requests on the index.
    tableActions: LOCKED_WRITE_WITH_CHECK,
    queriesPendingOrders: true,
  },
  {
    id: 'Withdraw',
    entry: 'lambdas/withdraw.ts',
    route: { method: 'POST', path: '/withdrawals', authenticated: true },
    // A refused withdrawal records its outcome against an unchanged, checked balance; a withdrawal
    // from a busy account is parked, and the lock's holder lists parked requests on the index.
    tableActions: LOCKED_WRITE_WITH_CHECK,
    queriesPendingOrders: true,
  },
  {
    id: 'Transfer',
    entry: 'lambdas/transfer.ts',
    route: { method: 'POST', path: '/transfers', authenticated: true },
    // Reads the payee's balance; a refused transfer records its outcome against checked balances;
    // a payment to a busy payee is parked, and the payee's holder lists parked payments on the index.
    tableActions: LOCKED_WRITE_WITH_CHECK,
    queriesPendingOrders: true,
  },
  {
    id: 'PlaceHold',
    entry: 'lambdas/place-hold.ts',
    route: { method: 'POST', path: '/holds', authenticated: true },
    // Reads the payee's balance; a refused hold records its outcome against checked balances.
    tableActions: LOCKED_WRITE_WITH_CHECK,
  },
  {
    id: 'CaptureHold',
    entry: 'lambdas/capture-hold.ts',
    route: { method: 'POST', path: '/holds/{holdId}/capture', authenticated: true },
    // Reads the hold, the payee's balance and, on a conflict, the key's record; a capture of more
    // than is held records its refusal against the checked hold and balance.
    tableActions: LOCKED_WRITE_WITH_CHECK,
  },
  {
    id: 'VoidHold',
    entry: 'lambdas/void-hold.ts',
    route: { method: 'POST', path: '/holds/{holdId}/void', authenticated: true },
    // A void cannot be refused once the hold is PENDING, so it never writes a check without a change.
    tableActions: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
  },
  {
    id: 'ListHolds',
    entry: 'lambdas/list-holds.ts',
    route: { method: 'GET', path: '/holds', authenticated: true },
    tableActions: ['dynamodb:Query'],
  },
  {
    id: 'GetHold',
    entry: 'lambdas/get-hold.ts',
    route: { method: 'GET', path: '/holds/{holdId}', authenticated: true },
    tableActions: ['dynamodb:GetItem'],
  },
  {
    id: 'Buy',
    entry: 'lambdas/buy.ts',
    route: { method: 'POST', path: '/orders/buy', authenticated: true },
    // An order for a busy account is parked, and the lock's holder lists parked requests on the index.
    tableActions: ORDER_PLACEMENT,
    queriesPendingOrders: true,
    startsOrderWorkflow: true,
    timeoutSeconds: lockstepConfig.orderRequest.lambdaTimeoutSeconds,
  },
  {
    id: 'Sell',
    entry: 'lambdas/sell.ts',
    route: { method: 'POST', path: '/orders/sell', authenticated: true },
    // An order for a busy account is parked, and the lock's holder lists parked requests on the index.
    tableActions: ORDER_PLACEMENT,
    queriesPendingOrders: true,
    startsOrderWorkflow: true,
    timeoutSeconds: lockstepConfig.orderRequest.lambdaTimeoutSeconds,
  },
  {
    id: 'PutUserLimits',
    entry: 'lambdas/put-user-limits.ts',
    route: { method: 'PUT', path: '/users/{userId}/limits', authenticated: true },
    // A fenced write under the user's lease that always changes the account (or writes nothing).
    tableActions: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
  },
  {
    id: 'GetUserLimits',
    entry: 'lambdas/get-user-limits.ts',
    route: { method: 'GET', path: '/users/{userId}/limits', authenticated: true },
    tableActions: ['dynamodb:GetItem'],
  },
  {
    id: 'CancelOrder',
    entry: 'lambdas/cancel-order.ts',
    route: { method: 'POST', path: '/orders/{orderId}/cancel', authenticated: true },
    // Reads the order, its hold and, on a conflict, the key's record; a cancel is never refused once
    // the order is OPEN, so it never writes a check without a change.
    tableActions: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
  },
  {
    id: 'GetBalance',
    entry: 'lambdas/get-balance.ts',
    route: { method: 'GET', path: '/balance', authenticated: true },
    tableActions: ['dynamodb:GetItem'],
  },
  {
    id: 'GetPortfolio',
    entry: 'lambdas/get-portfolio.ts',
    route: { method: 'GET', path: '/portfolio', authenticated: true },
    // The balance item, and the listed prices (one Query of the asset partition).
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query'],
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
    // Only fenced transactions under the lease buy or sell handed over: it reads nothing.
    tableActions: ['dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  },
  {
    id: 'CommitOrder',
    entry: 'lambdas/order-commit.ts',
    workflowTask: 'commit',
    // Its transaction always changes the balance; the read is the re-run's look at the stored order.
    tableActions: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
  },
  {
    id: 'RollbackOrder',
    entry: 'lambdas/order-rollback.ts',
    workflowTask: 'rollback',
    tableActions: LOCKED_WRITE_WITH_CHECK,
  },
  {
    id: 'ReapOrders',
    entry: 'lambdas/reap-orders.ts',
    // Lists expired orders and holds on the index only, then releases each under a recovery lease;
    // then lists the assets (a Query of their partition) and fills the open orders their prices
    // satisfy, as FillOrders does.
    tableActions: [...LOCKED_WRITE_WITH_CHECK, 'dynamodb:Query'],
    queriesPendingOrders: true,
    timeoutSeconds: 60,
  },
  {
    id: 'FillOrders',
    entry: 'lambdas/fill-orders.ts',
    // Reads the price, each order and its hold; lists the asset's open orders on the index; each fill
    // is a fenced transaction that checks the listed price (a ConditionCheck).
    tableActions: LOCKED_WRITE_WITH_CHECK,
    queriesPendingOrders: true,
    triggeredByPriceChanges: true,
    // A pass over 1,000 open orders takes seconds; the stream retries a pass that did not finish.
    timeoutSeconds: 300,
  },
];

export const httpFunctions = functionCatalog.filter((spec): spec is FunctionSpec & { route: HttpRoute } =>
  Boolean(spec.route),
);
