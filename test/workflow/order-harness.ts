import { randomUUID } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { BalanceState } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { deposit } from '../../common/cash/cash-operations';
import { LockedError } from '../../common/errors';
import type { HttpEvent, HttpResult } from '../../common/http/types';
import { acquireUserLock, releaseUserLock } from '../../common/lease/user-lock';
import type { LedgerEntry } from '../../common/ledger/ledger-entry';
import { parseCashAmount } from '../../common/money/amounts';
import type { Order } from '../../common/orders/order';
import { orderFromItem, pendingSortKey } from '../../common/orders/order-store';
import { useOrderWorkflow } from '../../common/orders/workflow-port';
import { documentClient, tableName } from '../../common/storage/client';
import { keys, userPk } from '../../common/storage/keys';
import { handler as buyHandler } from '../../lambdas/buy';
import { handler as sellHandler } from '../../lambdas/sell';
import {
  type ExecutionEvent,
  type JsonValue,
  type OrderWorkflowRun,
  type OrderWorkflowRunOptions,
  runOrderWorkflow,
} from '../../local/order-workflow-runner';
import { expireLock } from '../support/lease-clock';
import { ledgerOf } from '../support/ledger';
import { testDynamoDb } from '../support/test-dynamodb';

/**
 * Drives buy and sell through their real Lambda handlers, with the order workflow port pointing at
 * the synthesized state machine run in-process, and lets a test break any Task state and read the
 * execution's event log.
 */
testDynamoDb();

export type Side = 'buy' | 'sell';

export interface OrderCall extends HandlerAnswer {
  /** The executions this call started (none when it was refused or replayed before starting). */
  readonly runs: readonly OrderWorkflowRun[];
}

export interface PlaceOptions {
  readonly idempotencyKey?: string;
  readonly run?: OrderWorkflowRunOptions;
  /** Called as soon as an execution starts, e.g. to abort it from inside a task later. */
  readonly onStart?: (run: OrderWorkflowRun) => void;
  /** 'aws' leaves no workflow registered, so the handler falls back to the Step Functions adapter. */
  readonly workflow?: 'local' | 'aws';
}

const lambdaContext = { awsRequestId: 'test-invocation', functionName: 'Order' } as Context;

function orderEvent(userId: string, side: Side, body: unknown, headers: Record<string, string>): HttpEvent {
  const routeKey = `POST /orders/${side}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: `/orders/${side}`,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: `/orders/${side}`,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: `req-${randomUUID()}`,
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: Date.now(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: { sub: userId }, scopes: [] } },
    },
  };
}

export interface HandlerAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** POST /orders/{side} through the Lambda handler, with whatever workflow is registered now. */
export async function callOrderHandler(
  userId: string,
  side: Side,
  body: unknown,
  idempotencyKey?: string,
): Promise<HandlerAnswer> {
  const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
  const handler = side === 'buy' ? buyHandler : sellHandler;
  const result: HttpResult = await handler(orderEvent(userId, side, body, headers), lambdaContext);
  return {
    status: result.statusCode ?? 0,
    body: JSON.parse(result.body ?? '{}') as Record<string, unknown>,
    headers: Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
    ),
  };
}

/**
 * POST /orders/{side} through the Lambda handler; its executions run with `options.run`. Registers
 * its own workflow for the call, so calls of one test file must not overlap (vitest runs a file's
 * tests one after another).
 */
export async function placeOrder(
  userId: string,
  side: Side,
  body: unknown,
  options: PlaceOptions = {},
): Promise<OrderCall> {
  const runs: OrderWorkflowRun[] = [];
  useOrderWorkflow(
    options.workflow === 'aws'
      ? undefined
      : {
          async startAndWait(executionName, input) {
            const run = await runOrderWorkflow(executionName, input, options.run);
            runs.push(run);
            options.onStart?.(run);
            return run.outcome;
          },
        },
  );
  try {
    return { ...(await callOrderHandler(userId, side, body, options.idempotencyKey)), runs };
  } finally {
    useOrderWorkflow(undefined);
  }
}

/**
 * A buy whose process dies right after Reserve: the execution is aborted as Commit would start, so
 * the order stays PENDING with its funds held and the lock taken, as a crash between phases leaves it.
 */
export function placeOrderThatCrashesAfterReserve(userId: string, body: unknown): Promise<OrderCall> {
  let execution: OrderWorkflowRun | undefined;
  return placeOrder(userId, 'buy', body, {
    onStart: (run) => {
      execution = run;
    },
    run: {
      taskOverrides: {
        Commit: () => {
          execution?.abort();
          return new Promise<JsonValue>(() => undefined);
        },
      },
    },
  });
}

/** Each state's events, condensed to "Type State", e.g. "StateCaught Commit", in order. */
export function pathOf(events: readonly ExecutionEvent[]): string[] {
  return events.map((event) => ('state' in event ? `${event.type} ${event.state.name}` : event.type));
}

export async function eventsOf(call: OrderCall): Promise<readonly ExecutionEvent[]> {
  const [run] = call.runs;
  if (!run || call.runs.length !== 1) throw new Error(`Expected one execution, got ${call.runs.length}`);
  return run.events;
}

export async function fundedUser(usd: string): Promise<string> {
  const userId = `trader-${randomUUID()}`;
  await deposit({ userId, amount: parseCashAmount(usd), requestId: 'funding' });
  return userId;
}

export async function ordersOf(userId: string): Promise<Order[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': 'ORDER#' },
      ConsistentRead: true,
    }),
  );
  return Items.map(orderFromItem);
}

export interface AccountSnapshot {
  readonly balance: BalanceState['assets'];
  readonly ledger: readonly LedgerEntry[];
}

/** Balances (without the version, which every write bumps) and the whole ledger. */
export async function accountOf(userId: string): Promise<AccountSnapshot> {
  return { balance: (await readBalance(userId)).assets, ledger: await ledgerOf(userId) };
}

/** Free means another operation can take it at once; it is released again straight away. */
export async function lockIsFree(userId: string): Promise<boolean> {
  try {
    await releaseUserLock(await acquireUserLock(userId, 'deposit', { waitBudgetMs: 0 }));
    return true;
  } catch (error) {
    if (error instanceof LockedError) return false;
    throw error;
  }
}

/**
 * What the clock does to a flow that stalls: its lease runs out. Moves the lock's expiry and the
 * pending order's place in the reaper's index into the past, for this user only, so nothing else
 * sharing DynamoDB Local sees time jump.
 */
export async function letLeaseRunOut(userId: string, orderId?: string): Promise<void> {
  await expireLock(userId);
  if (orderId === undefined) return;
  const past = Math.floor(Date.now() / 1000) - 1;
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.order(userId, orderId),
      UpdateExpression: 'SET pendingSk = :expired',
      ConditionExpression: 'attribute_exists(pendingSk)',
      ExpressionAttributeValues: { ':expired': pendingSortKey(past, userId, orderId) },
    }),
  );
}
