import { describe, expect, it } from 'vitest';
import { type ExecutionContext, newOperation } from '../../../check/execute-operations';
import { resolveReference } from '../../../check/references';
import { answer, lost, operation } from './history-fixtures';

const context: ExecutionContext = {
  baseUrl: 'http://127.0.0.1:1',
  userIds: ['alice', 'bob'],
  adminUserId: 'admin',
  tokenFor: async () => 'token',
  keyPrefix: 'run',
  seed: 1,
  requestTimeoutMs: 1_000,
  abort: false,
  bounds: { maxAttempts: 1, maxMs: 1_000 },
};

const placedHold = operation(3, 'hold', { to: 'bob', amount: '10.00', expiresInSeconds: 30 }, [
  lost('aborted'),
  answer(201, { holdId: 'H1', from: 'user-1', to: 'bob', amount: '10.00', status: 'PENDING' }),
]);

describe('operations that refer to an earlier one', () => {
  it('take the hold or order id from the earlier definite answer', () => {
    expect(resolveReference(placedHold, 'holdId')).toEqual({ id: 'H1' });
    const limitBuy = operation(4, 'buy', { asset: 'BTC', quantity: '0.01000000' }, [
      answer(201, { order: { orderId: 'O9', status: 'OPEN' } }),
    ]);
    expect(resolveReference(limitBuy, 'orderId')).toEqual({ id: 'O9' });
  });

  it('are skipped when the earlier one was refused, never answered, or named nothing', () => {
    const refused = operation(5, 'hold', { to: 'bob', amount: '9999.00', expiresInSeconds: 5 }, [
      answer(422, { error: { code: 'INSUFFICIENT_FUNDS', message: 'no', requestId: 'r' } }),
    ]);
    expect(resolveReference(refused, 'holdId')).toEqual({
      skipped: 'hold #5 was rejected, so no holdId is known',
    });
    const unanswered = operation(6, 'hold', { to: 'bob', amount: '1.00', expiresInSeconds: 5 }, [lost()]);
    expect(resolveReference(unanswered, 'holdId')).toEqual({
      skipped: 'hold #6 was indeterminate, so no holdId is known',
    });
    expect(resolveReference(placedHold, 'orderId')).toEqual({
      skipped: 'the answer to hold #3 names no orderId',
    });
  });

  it('record what they refer to and the id it resolved to, so the history describes itself', () => {
    const capture = newOperation(
      context,
      { kind: 'capture', userIndex: 0, body: { amount: '4.00' }, refersTo: { index: 0, field: 'holdId' } },
      9,
      placedHold,
    );
    expect(capture).toMatchObject({
      id: 9,
      userId: 'alice',
      key: 'run-9',
      method: 'POST',
      path: '/holds/H1/capture',
      refersTo: { operationId: 3, field: 'holdId' },
      target: 'H1',
    });
    expect(capture.skipped).toBeUndefined();
    const unanswered = { ...placedHold, attempts: [lost()] };
    const skipped = newOperation(
      context,
      { kind: 'void', userIndex: 1, body: {}, refersTo: { index: 0, field: 'holdId' } },
      10,
      unanswered,
    );
    expect(skipped).toMatchObject({
      userId: 'bob',
      skipped: 'hold #3 was indeterminate, so no holdId is known',
    });
    expect(skipped.target).toBeUndefined();
  });

  it('put the payee and the admin in from the run, not from the plan', () => {
    const hold = newOperation(
      context,
      { kind: 'hold', userIndex: 0, payeeIndex: 1, body: { amount: '1.00', expiresInSeconds: 5 } },
      11,
    );
    expect(hold).toMatchObject({ path: '/holds', body: { to: 'bob', amount: '1.00', expiresInSeconds: 5 } });
    const price = newOperation(
      context,
      { kind: 'price', userIndex: 0, admin: true, pathId: 'BTC', body: { price: '51000.00' } },
      12,
    );
    expect(price).toMatchObject({ userId: 'admin', method: 'PUT', path: '/assets/BTC', target: 'BTC' });
  });
});
