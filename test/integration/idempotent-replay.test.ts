import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient, tableName } from '../../common/storage/client';
import { userPk } from '../../common/storage/keys';
import {
  addedItems,
  expectContractError,
  type HostileResponse,
  sendHostile,
  snapshotAccount,
} from '../support/hostile-http';
import { newUserId } from '../support/ids';
import { expectLedgerConsistent, ledgerOf } from '../support/ledger';
import { startTestApi, type TestApi } from '../support/local-api';

/**
 * Replay: one Idempotency-Key, many concurrent copies of one request, exactly
 * one effect; every answer is the stored 201 or 409 IDEMPOTENCY_IN_PROGRESS; once the first is done,
 * replays answer the stored 201 with `Idempotent-Replayed: true`. Plus the contract's other
 * idempotency rules: another body or route is 422 IDEMPOTENCY_KEY_REUSED and changes nothing; a
 * keyed 422 is replayed as 422 even once it would succeed; a 400 is not kept.
 */

const COPIES = 10;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

interface Caller {
  readonly userId: string;
  readonly token: string;
}

async function newCaller(label: string): Promise<Caller> {
  const userId = newUserId(label);
  return { userId, token: await api.tokenFor(userId) };
}

function post(caller: Caller, path: string, body: unknown, key?: string): Promise<HostileResponse> {
  return sendHostile(api.url, {
    method: 'POST',
    path,
    body: JSON.stringify(body),
    headers: {
      authorization: `Bearer ${caller.token}`,
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
  });
}

async function fund(caller: Caller, amount: string): Promise<void> {
  const response = await post(caller, '/deposits', { amount });
  expect(response.status, response.text).toBe(201);
}

const replayed = (response: HostileResponse): boolean => response.headers['idempotent-replayed'] === 'true';

/**
 * The burst's answers, checked against the contract: 201 (all with one identical body, exactly one
 * of them not a replay) or 409 IDEMPOTENCY_IN_PROGRESS. Returns the stored body's text.
 */
function expectOneOutcome(responses: readonly HostileResponse[]): string {
  const created = responses.filter((response) => response.status === 201);
  for (const response of responses) {
    if (response.status === 201) continue;
    // A 409 LOCKED here would mean a copy waited on its own key's holder instead of hearing "in progress".
    expectContractError(response, 409, 'IDEMPOTENCY_IN_PROGRESS');
  }
  expect(created.length, 'at least the first copy answers 201').toBeGreaterThanOrEqual(1);
  const first = created.find((response) => !replayed(response));
  expect(first, 'one copy did the work and answered 201 without the replay header').toBeDefined();
  expect(created.filter((response) => !replayed(response))).toHaveLength(1);
  const stored = first?.text ?? '';
  for (const response of created) {
    expect(response.text, 'every 201 carries the same body').toBe(stored);
    expect(JSON.parse(response.text)).toEqual(JSON.parse(stored));
  }
  return stored;
}

async function expectStoredReplay(send: () => Promise<HostileResponse>, stored: string, status = 201) {
  const again = await send();
  expect(again.status, again.text).toBe(status);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.text).toBe(stored);
}

async function ordersOf(userId: string): Promise<Array<Record<string, unknown>>> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :order)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':order': 'ORDER#' },
      ConsistentRead: true,
    }),
  );
  return Items;
}

const burst = (send: () => Promise<HostileResponse>): Promise<HostileResponse[]> =>
  Promise.all(Array.from({ length: COPIES }, send));

describe(`${COPIES} concurrent copies of one keyed request`, () => {
  it('a deposit: one effect, one body, the rest 409 IDEMPOTENCY_IN_PROGRESS or the stored 201', async () => {
    const caller = await newCaller('replay-deposit');
    const send = () => post(caller, '/deposits', { amount: '25.00' }, 'deposit-burst-1');
    const stored = expectOneOutcome(await burst(send));

    expect(JSON.parse(stored)).toMatchObject({
      transaction: { type: 'DEPOSIT', asset: 'USD', amount: '25.00', balanceAfter: '25.00' },
      balance: { cash: { available: '25.00', held: '0.00' } },
    });
    const ledger = await ledgerOf(caller.userId);
    expect(ledger).toHaveLength(1);
    expect(await expectLedgerConsistent(caller.userId, 'USD')).toBe(2_500n);
    await expectStoredReplay(send, stored);
    expect(await ledgerOf(caller.userId)).toEqual(ledger);
  });

  it('a withdrawal: one effect, one body, the rest 409 IDEMPOTENCY_IN_PROGRESS or the stored 201', async () => {
    const caller = await newCaller('replay-withdrawal');
    await fund(caller, '100.00');
    const send = () => post(caller, '/withdrawals', { amount: '30.00' }, 'withdrawal-burst-1');
    const stored = expectOneOutcome(await burst(send));

    expect(JSON.parse(stored)).toMatchObject({
      transaction: { type: 'WITHDRAWAL', asset: 'USD', amount: '-30.00', balanceAfter: '70.00' },
      balance: { cash: { available: '70.00', held: '0.00' } },
    });
    expect(await ledgerOf(caller.userId)).toHaveLength(2);
    expect(await expectLedgerConsistent(caller.userId, 'USD')).toBe(7_000n);
    await expectStoredReplay(send, stored);
    expect(await expectLedgerConsistent(caller.userId, 'USD')).toBe(7_000n);
  });

  it('a buy: one order, one trade, one body, the rest 409 IDEMPOTENCY_IN_PROGRESS or the stored 201', async () => {
    const caller = await newCaller('replay-buy');
    await fund(caller, '1000.00');
    const send = () => post(caller, '/orders/buy', { asset: 'BTC', quantity: '0.001' }, 'buy-burst-1');
    const stored = expectOneOutcome(await burst(send));

    const result = JSON.parse(stored) as { order: { orderId: string; total: string; status: string } };
    expect(result.order).toMatchObject({
      side: 'BUY',
      asset: 'BTC',
      quantity: '0.00100000',
      status: 'COMPLETED',
    });
    const orders = await ordersOf(caller.userId);
    expect(orders.map((order) => order.orderId)).toEqual([result.order.orderId]);
    const ledger = await ledgerOf(caller.userId);
    expect(ledger.map((entry) => entry.type)).toEqual(['DEPOSIT', 'BUY', 'BUY']);
    const cents = 100_000n - BigInt(result.order.total.replace('.', ''));
    expect(await expectLedgerConsistent(caller.userId, 'USD')).toBe(cents);
    expect(await expectLedgerConsistent(caller.userId, 'BTC')).toBe(100_000n);
    await expectStoredReplay(send, stored);
    expect(await ordersOf(caller.userId)).toHaveLength(1);
  });
});

describe('after the first request finished', () => {
  // The contract: 409 IDEMPOTENCY_IN_PROGRESS only "while its first request is still running";
  // once it is done, "a request repeated with the same key, route and body gets the first response back".
  it('concurrent replays of a finished deposit all get the stored 201, none a 409', async () => {
    const caller = await newCaller('replay-finished');
    const send = () => post(caller, '/deposits', { amount: '5.00' }, 'finished-1');
    const first = await send();
    expect(first.status, first.text).toBe(201);
    const replays = await burst(send);
    for (const response of replays) {
      expect(response.status, `a replay answered ${response.status} ${response.text}`).toBe(201);
      expect(response.headers['idempotent-replayed']).toBe('true');
      expect(response.text).toBe(first.text);
    }
    expect(await ledgerOf(caller.userId)).toHaveLength(1);
  });

  it('concurrent replays of a finished buy all get the stored 201, none a 409', async () => {
    const caller = await newCaller('replay-finished-buy');
    await fund(caller, '1000.00');
    const send = () => post(caller, '/orders/buy', { asset: 'ETH', quantity: '0.01' }, 'finished-buy-1');
    const first = await send();
    expect(first.status, first.text).toBe(201);
    const replays = await burst(send);
    for (const response of replays) {
      expect(response.status, `a replay answered ${response.status} ${response.text}`).toBe(201);
      expect(response.headers['idempotent-replayed']).toBe('true');
      expect(response.text).toBe(first.text);
    }
    expect(await ordersOf(caller.userId)).toHaveLength(1);
  });
});

describe('a key reused with another request', () => {
  it('another body on the same route is 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const caller = await newCaller('reuse-body');
    const first = await post(caller, '/deposits', { amount: '10.00' }, 'reused-1');
    expect(first.status, first.text).toBe(201);
    const before = await snapshotAccount(caller.userId);
    for (const body of [{ amount: '11.00' }, { amount: 10 }, { amount: '10.0' }]) {
      expectContractError(await post(caller, '/deposits', body, 'reused-1'), 422, 'IDEMPOTENCY_KEY_REUSED');
    }
    expect(await snapshotAccount(caller.userId)).toEqual(before);
    // The key still answers its own request.
    await expectStoredReplay(() => post(caller, '/deposits', { amount: '10.00' }, 'reused-1'), first.text);
  });

  it('the same body on another route is 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const caller = await newCaller('reuse-route');
    await fund(caller, '500.00');
    const first = await post(caller, '/deposits', { amount: '10.00' }, 'reused-2');
    expect(first.status, first.text).toBe(201);
    const before = await snapshotAccount(caller.userId);
    expectContractError(
      await post(caller, '/withdrawals', { amount: '10.00' }, 'reused-2'),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectContractError(
      await post(caller, '/orders/buy', { asset: 'BTC', quantity: '0.001' }, 'reused-2'),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await snapshotAccount(caller.userId)).toEqual(before);
  });

  it("a buy's key on a sell with the same body is 422 IDEMPOTENCY_KEY_REUSED and changes nothing", async () => {
    const caller = await newCaller('reuse-order');
    await fund(caller, '1000.00');
    const bought = await post(caller, '/orders/buy', { asset: 'BTC', quantity: '0.002' }, 'reused-3');
    expect(bought.status, bought.text).toBe(201);
    const before = await snapshotAccount(caller.userId);
    expectContractError(
      await post(caller, '/orders/sell', { asset: 'BTC', quantity: '0.002' }, 'reused-3'),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectContractError(
      await post(caller, '/deposits', { amount: '1.00' }, 'reused-3'),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await snapshotAccount(caller.userId)).toEqual(before);
  });
});

describe('which answers are kept', () => {
  it('a keyed 422 INSUFFICIENT_FUNDS withdrawal is replayed as that 422 even after funding', async () => {
    const caller = await newCaller('keep-422');
    await fund(caller, '20.00');
    const send = () => post(caller, '/withdrawals', { amount: '50.00' }, 'refused-1');
    const refused = await send();
    const error = expectContractError(refused, 422, 'INSUFFICIENT_FUNDS');
    expect(error.message).toBe('Insufficient funds: available 20.00 USD, required 50.00 USD');
    await fund(caller, '100.00');
    const before = await snapshotAccount(caller.userId);
    const again = await send();
    expectContractError(again, 422, 'INSUFFICIENT_FUNDS');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(refused.text);
    expect(await snapshotAccount(caller.userId)).toEqual(before);
    expect(await expectLedgerConsistent(caller.userId, 'USD')).toBe(12_000n);
  });

  it('a keyed 422 INSUFFICIENT_FUNDS buy is replayed as that 422, FAILED order and all, even after funding', async () => {
    const caller = await newCaller('keep-422-buy');
    const send = () => post(caller, '/orders/buy', { asset: 'BTC', quantity: '0.01' }, 'refused-buy-1');
    const refused = await send();
    const error = expectContractError(refused, 422, 'INSUFFICIENT_FUNDS', { allowOrder: true });
    expect(error.order).toMatchObject({ status: 'FAILED', failureReason: 'INSUFFICIENT_FUNDS' });
    await fund(caller, '10000.00');
    const before = await snapshotAccount(caller.userId);
    const again = await send();
    expectContractError(again, 422, 'INSUFFICIENT_FUNDS', { allowOrder: true });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(refused.text);
    expect(await snapshotAccount(caller.userId)).toEqual(before);
    expect(await ordersOf(caller.userId)).toHaveLength(1);
  });

  it('a keyed 422 UNKNOWN_ASSET is replayed as that 422 and changes nothing', async () => {
    const caller = await newCaller('keep-422-asset');
    const send = () => post(caller, '/orders/buy', { asset: 'NOSUCH1', quantity: '1' }, 'refused-asset-1');
    const refused = await send();
    expectContractError(refused, 422, 'UNKNOWN_ASSET');
    const before = await snapshotAccount(caller.userId);
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(refused.text);
    expect(await snapshotAccount(caller.userId)).toEqual(before);
  });

  it('a keyed 400 is not kept: the key then serves a valid request, once', async () => {
    const caller = await newCaller('not-kept-400');
    const before = await snapshotAccount(caller.userId);
    const invalid = await post(caller, '/deposits', { amount: '1e3' }, 'after-400');
    expectContractError(invalid, 400, 'VALIDATION_ERROR');
    expect(addedItems(before, await snapshotAccount(caller.userId)), 'no record of the 400').toEqual([]);
    const valid = await post(caller, '/deposits', { amount: '3.00' }, 'after-400');
    expect(valid.status, valid.text).toBe(201);
    expect(replayed(valid)).toBe(false);
    await expectStoredReplay(() => post(caller, '/deposits', { amount: '3.00' }, 'after-400'), valid.text);
    expect(await ledgerOf(caller.userId)).toHaveLength(1);
  });

  it('keys are scoped to the user: the same key of two users makes two effects', async () => {
    const [one, two] = [await newCaller('scope-a'), await newCaller('scope-b')];
    const first = await post(one, '/deposits', { amount: '7.00' }, 'shared-key');
    const second = await post(two, '/deposits', { amount: '7.00' }, 'shared-key');
    for (const response of [first, second]) {
      expect(response.status, response.text).toBe(201);
      expect(replayed(response)).toBe(false);
    }
    expect(await expectLedgerConsistent(one.userId, 'USD')).toBe(700n);
    expect(await expectLedgerConsistent(two.userId, 'USD')).toBe(700n);
  });

  it('without a key, each call is its own effect', async () => {
    const caller = await newCaller('unkeyed');
    for (let i = 0; i < 2; i++) {
      const response = await post(caller, '/deposits', { amount: '1.00' });
      expect(response.status, response.text).toBe(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await expectLedgerConsistent(caller.userId, 'USD')).toBe(200n);
  });
});
