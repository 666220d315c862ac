import { connect, type Socket } from 'node:net';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient, onDocumentClient, tableName } from '../../common/storage/client';
import { keys } from '../../common/storage/keys';
import {
  type AccountSnapshot,
  addedItems,
  eventually,
  expectContractError,
  type HostileResponse,
  rawHttpRequest,
  sendHostile,
  snapshotAccount,
} from '../support/hostile-http';
import { newUserId } from '../support/ids';
import { expectLedgerConsistent } from '../support/ledger';
import { startTestApi, type TestApi } from '../support/local-api';

/**
 * Crash after commit: the transaction that applies the effect (and records the key) commits,
 * and then the caller never hears of it. A retry with the same key must get the stored 201 with
 * `Idempotent-Replayed: true`, and the effect must exist once.
 *
 * The handlers run in this process (the local server imports them), so an SDK middleware installed
 * here through `onDocumentClient` sits in their DynamoDB client. Three ways to lose the answer:
 * - "answer lost": the middleware lets TransactWriteItems through, then throws a network error once,
 *   above the SDK's retries, so the handler sees a failed write that in fact committed;
 * - "connection dropped": the caller's TCP connection is cut the moment the commit returns, so the
 *   handler finishes but its response goes nowhere;
 * - "SDK retry": the network error is thrown inside the SDK's retry loop, so the SDK sends the same
 *   TransactWriteItems again, with the same ClientRequestToken.
 */

type Position = 'initialize' | 'deserialize';

interface CrashPlan {
  readonly position: Position;
  /** Every one of these must appear in the TransactWriteItems input. */
  readonly markers: readonly string[];
  readonly afterCommit: () => void;
  fired: boolean;
}

let plan: CrashPlan | undefined;

const serialized = (input: unknown): string =>
  JSON.stringify(input, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

function networkError(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/** Runs the armed plan's crash if this call is the transaction it waits for. */
function maybeCrash(position: Position, commandName: unknown, input: unknown): void {
  const current = plan;
  if (
    current &&
    !current.fired &&
    current.position === position &&
    /TransactWrite/.test(String(commandName)) &&
    current.markers.every((marker) => serialized(input).includes(marker))
  ) {
    current.fired = true;
    current.afterCommit();
  }
}

function installCrashMiddleware(client: DynamoDBDocumentClient): void {
  // Above the SDK's retry middleware: the caller of `send` sees the error.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      maybeCrash('initialize', context.commandName, args.input);
      return result;
    },
    { step: 'initialize', name: 'hostileCrashAfterCommitInitialize' },
  );
  // Below it: the retry middleware sees the error and sends the same request again.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      maybeCrash('deserialize', context.commandName, args.input);
      return result;
    },
    { step: 'deserialize', name: 'hostileCrashAfterCommitDeserialize' },
  );
}

onDocumentClient(installCrashMiddleware);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterEach(() => {
  plan = undefined;
});
afterAll(async () => {
  await api?.stop();
});

interface Operation {
  readonly name: string;
  readonly path: string;
  readonly body: Record<string, string>;
  /** Cash the user gets first. */
  readonly funding: string;
  /** Ledger entries one execution adds. */
  readonly entries: number;
  /** Orders one execution adds. */
  readonly orders: number;
  readonly check: (result: Record<string, unknown>) => void;
}

const OPERATIONS: readonly Operation[] = [
  {
    name: 'deposit',
    path: '/deposits',
    body: { amount: '25.00' },
    funding: '100.00',
    entries: 1,
    orders: 0,
    check: (result) =>
      expect(result).toMatchObject({
        transaction: { type: 'DEPOSIT', amount: '25.00', balanceAfter: '125.00' },
        balance: { cash: { available: '125.00', held: '0.00' } },
      }),
  },
  {
    name: 'withdrawal',
    path: '/withdrawals',
    body: { amount: '30.00' },
    funding: '100.00',
    entries: 1,
    orders: 0,
    check: (result) =>
      expect(result).toMatchObject({
        transaction: { type: 'WITHDRAWAL', amount: '-30.00', balanceAfter: '70.00' },
        balance: { cash: { available: '70.00', held: '0.00' } },
      }),
  },
  {
    name: 'buy',
    path: '/orders/buy',
    body: { asset: 'BTC', quantity: '0.001' },
    funding: '1000.00',
    entries: 2,
    orders: 1,
    check: (result) =>
      expect(result).toMatchObject({
        order: { side: 'BUY', asset: 'BTC', quantity: '0.00100000', status: 'COMPLETED' },
        balance: { assets: { BTC: { available: '0.00100000', held: '0.00000000' } } },
      }),
  },
];

interface Caller {
  readonly userId: string;
  readonly token: string;
  readonly key: string;
}

async function preparedCaller(operation: Operation, variant: string): Promise<Caller> {
  const userId = newUserId(`crash-${operation.name}-${variant}`);
  const token = await api.tokenFor(userId);
  const funded = await api.request('POST', '/deposits', { token, body: { amount: operation.funding } });
  expect(funded.status, funded.text).toBe(201);
  return { userId, token, key: `crash-${variant}-${operation.name}` };
}

function send(caller: Caller, operation: Operation): Promise<HostileResponse> {
  return sendHostile(api.url, {
    method: 'POST',
    path: operation.path,
    body: JSON.stringify(operation.body),
    headers: {
      authorization: `Bearer ${caller.token}`,
      'content-type': 'application/json',
      'idempotency-key': caller.key,
    },
  });
}

function armCrash(caller: Caller, position: Position, afterCommit: () => void): CrashPlan {
  const armed: CrashPlan = {
    position,
    markers: [`USER#${caller.userId}`, `IDEMPOTENCY#${caller.key}`],
    afterCommit,
    fired: false,
  };
  plan = armed;
  return armed;
}

/** What a client does after losing an answer: retry with the same key while the first is still running. */
async function retry(caller: Caller, operation: Operation): Promise<HostileResponse> {
  return eventually(async () => {
    const response = await send(caller, operation);
    const busy = response.status === 409 && /IDEMPOTENCY_IN_PROGRESS|LOCKED/.test(response.text);
    return busy ? undefined : response;
  }, 'a retry that is not answered 409');
}

/** The stored answer the retry must replay, read from the idempotency record. */
async function storedResult(caller: Caller): Promise<Record<string, unknown>> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.idempotency(caller.userId, caller.key),
      ConsistentRead: true,
    }),
  );
  expect(Item, 'the idempotency record was written with the effect').toBeDefined();
  const outcome = JSON.parse(String(Item?.outcome)) as { status: string; result: Record<string, unknown> };
  expect(outcome.status).toBe('completed');
  return outcome.result;
}

/** One execution's worth of new items: the ledger entries, the order, the idempotency record. */
async function expectOneEffect(caller: Caller, operation: Operation, before: AccountSnapshot) {
  const after = await snapshotAccount(caller.userId);
  const added = addedItems(before, after);
  expect(added.filter((sortKey) => sortKey.startsWith('TX#'))).toHaveLength(operation.entries);
  expect(added.filter((sortKey) => sortKey.startsWith('ORDER#'))).toHaveLength(operation.orders);
  expect(added.filter((sortKey) => sortKey.startsWith('IDEMPOTENCY#'))).toEqual([
    `IDEMPOTENCY#${caller.key}`,
  ]);
  expect(after.ledger.length - before.ledger.length).toBe(operation.entries);
  await expectLedgerConsistent(caller.userId, 'USD');
  if (operation.orders > 0) await expectLedgerConsistent(caller.userId, 'BTC');
  return after;
}

async function expectReplayOfStored(caller: Caller, operation: Operation): Promise<HostileResponse> {
  const stored = await storedResult(caller);
  operation.check(stored);
  const replay = await retry(caller, operation);
  expect(replay.status, replay.text).toBe(201);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(JSON.parse(replay.text)).toEqual(stored);
  const again = await send(caller, operation);
  expect(again.status, again.text).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.text).toBe(replay.text);
  return replay;
}

describe.each(OPERATIONS.map((operation) => [operation.name, operation] as const))(
  'a keyed %s',
  (_, operation) => {
    it('whose commit answer is lost: the caller gets 5xx (or the result), the retry the stored 201, one effect', async () => {
      const caller = await preparedCaller(operation, 'lost');
      const before = await snapshotAccount(caller.userId);
      const crash = armCrash(caller, 'initialize', () => {
        throw networkError();
      });

      const first = await send(caller, operation);
      expect(crash.fired, 'the crash was injected after the effect committed').toBe(true);
      if (first.status === 201) {
        // Allowed only as the true outcome: e.g. the order flow found its order COMPLETED on rollback.
        operation.check(JSON.parse(first.text));
      } else if (first.status === 503) {
        expectContractError(first, 503, 'UNAVAILABLE', { allowOrder: operation.orders > 0 });
        expect(first.headers['retry-after'], 'a 503 has Retry-After').toMatch(/^\d+$/);
      } else {
        expectContractError(first, 500, 'INTERNAL', { allowOrder: operation.orders > 0 });
      }

      const replay = await expectReplayOfStored(caller, operation);
      if (first.status === 201) expect(JSON.parse(first.text)).toEqual(JSON.parse(replay.text));
      await expectOneEffect(caller, operation, before);
    });

    // The contract's 500 and 503 both promise "anything done was rolled back". After a committed
    // effect that promise is false; storage is still reachable here, so the handler can read back
    // what it wrote (the key's record, or the lock's fence) instead of guessing.
    it('whose commit answer is lost: is not told "rolled back" (500/503) when the effect in fact committed', async () => {
      const caller = await preparedCaller(operation, 'honest');
      const crash = armCrash(caller, 'initialize', () => {
        throw networkError();
      });
      const first = await send(caller, operation);
      expect(crash.fired).toBe(true);
      expect(await storedResult(caller), 'the effect committed').toBeDefined();
      expect(first.status, `a committed ${operation.name} was answered ${first.status} ${first.text}`).toBe(
        201,
      );
      expect(JSON.parse(first.text)).toEqual(await storedResult(caller));
    });

    it('whose connection drops after the commit: the caller hears nothing, the retry gets the stored 201, one effect', async () => {
      const caller = await preparedCaller(operation, 'dropped');
      const before = await snapshotAccount(caller.userId);
      const socket: Socket = connect(Number(new URL(api.url).port), '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      const crash = armCrash(caller, 'initialize', () => {
        socket.destroy();
      });
      socket.write(
        rawHttpRequest(
          'POST',
          operation.path,
          [
            ['Authorization', `Bearer ${caller.token}`],
            ['Content-Type', 'application/json'],
            ['Idempotency-Key', caller.key],
          ],
          JSON.stringify(operation.body),
        ),
      );
      await closed;
      expect(crash.fired, 'the connection was cut right after the effect committed').toBe(true);
      expect(Buffer.concat(received).toString('utf8'), 'the caller heard nothing').toBe('');

      await expectReplayOfStored(caller, operation);
      await expectOneEffect(caller, operation, before);
    });

    it("whose commit answer is lost inside the SDK's retries: the same ClientRequestToken makes the retry a no-op", async () => {
      const caller = await preparedCaller(operation, 'sdk-retry');
      const before = await snapshotAccount(caller.userId);
      const crash = armCrash(caller, 'deserialize', () => {
        throw networkError();
      });

      const first = await send(caller, operation);
      expect(crash.fired, 'the crash was injected after the effect committed').toBe(true);
      // The SDK resent the committed transaction; with the same token DynamoDB answers it as done.
      expect(first.status, first.text).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      operation.check(JSON.parse(first.text));
      expect(JSON.parse(first.text)).toEqual(await storedResult(caller));
      await expectReplayOfStored(caller, operation);
      await expectOneEffect(caller, operation, before);
    });
  },
);
